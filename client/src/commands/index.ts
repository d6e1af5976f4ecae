// The podman commands and the build task type, registered together; extension.ts calls this.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { buildImageCommand } from './buildImage';
import { buildTaskProvider, PODMAN_TASK_TYPE } from './buildTask';
import { checkHostCommand } from './checkHost';
import { newProjectCommand } from './newProject';
import { podmanServices } from './podmanContext';
import { runHardenedCommand } from './runHardened';
import { registerToolCommand } from './toolAccess';
import { verifyContainerCommand } from './verifyContainer';

export function registerPodmanCommands(context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel, client: LanguageClient): void {
  const services = podmanServices(context, log, client);
  context.subscriptions.push(
    registerToolCommand(log, 'rootguard.buildImage',
      (uri?: vscode.Uri) => buildImageCommand(services, uri)),
    registerToolCommand(log, 'rootguard.runHardened',
      (uri?: vscode.Uri) => runHardenedCommand(services, uri)),
    registerToolCommand(log, 'rootguard.verifyContainer',
      (name?: string) => verifyContainerCommand(services, name)),
    registerToolCommand(log, 'rootguard.checkHost', () => checkHostCommand(services)),
    vscode.commands.registerCommand('rootguard.newHardenedProject',
      (uri?: vscode.Uri) => newProjectCommand(services, uri)),
    vscode.tasks.registerTaskProvider(PODMAN_TASK_TYPE, buildTaskProvider(services)),
  );
}
