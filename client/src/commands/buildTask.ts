// The `rootguard-podman` task type: Build Image as a task for tasks.json, e.g.
//   { "type": "rootguard-podman", "dockerfile": "web/Dockerfile", "tag": "localhost/web:dev" }
// It runs in a pseudoterminal through the podman module: podman with an argument array, no shell.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { buildImage, describeFailure } from '../podman/build';
import { nameFromFolder } from '../podman/reference';
import { ProgramCancelled } from '../system/execute';
import type { PodmanServices } from './podmanContext';
import { mayRunTools } from './toolAccess';
import { TOOL_COMMANDS, untrustedExplanation } from './workspaceTrust';

export const PODMAN_TASK_TYPE = 'rootguard-podman';

interface BuildTaskDefinition extends vscode.TaskDefinition {
  dockerfile: string;
  context?: string;
  tag?: string;
}

export function buildTaskProvider(services: PodmanServices): vscode.TaskProvider {
  return {
    async provideTasks() {
      const found = await vscode.workspace.findFiles(
        '**/{Dockerfile,Containerfile,*.Dockerfile}', '**/node_modules/**', 50);
      return found.map((file) => {
        const folder = vscode.workspace.getWorkspaceFolder(file);
        const relative = folder ? path.relative(folder.uri.fsPath, file.fsPath) : file.fsPath;
        return buildTask(services, { type: PODMAN_TASK_TYPE, dockerfile: relative },
          folder ?? vscode.TaskScope.Workspace);
      });
    },
    resolveTask(task) {
      const definition = task.definition as BuildTaskDefinition;
      if (typeof definition.dockerfile !== 'string') return undefined;
      const scope = typeof task.scope === 'object' ? task.scope : vscode.TaskScope.Workspace;
      return buildTask(services, definition, scope);
    },
  };
}

function buildTask(services: PodmanServices, definition: BuildTaskDefinition,
  scope: vscode.WorkspaceFolder | vscode.TaskScope.Workspace): vscode.Task {
  const base = typeof scope === 'object' ? scope.uri.fsPath
    : vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? process.cwd();
  const dockerfile = path.resolve(base, definition.dockerfile);
  const tag = definition.tag ??
    `localhost/${nameFromFolder(path.basename(path.dirname(dockerfile)))}:latest`;
  const context = definition.context === undefined ? undefined
    : path.resolve(base, definition.context);
  const task = new vscode.Task(definition, scope, `build ${definition.dockerfile}`,
    'rootguard', new vscode.CustomExecution(async () => buildTerminal(services, dockerfile,
      context, tag)));
  task.group = vscode.TaskGroup.Build;
  return task;
}

function buildTerminal(services: PodmanServices, dockerfile: string, context: string | undefined,
  tag: string): vscode.Pseudoterminal {
  const write = new vscode.EventEmitter<string>();
  const close = new vscode.EventEmitter<number>();
  const abort = new AbortController();
  const print = (text: string) => write.fire(text.replace(/\r?\n/g, '\r\n'));
  return {
    onDidWrite: write.event,
    onDidClose: close.event,
    open: () => {
      const what = TOOL_COMMANDS['rootguard.buildImage'];
      if (!mayRunTools(what, services.log)) {
        print(`${untrustedExplanation(what)}\n`);
        close.fire(1);
        return;
      }
      print(`podman build of ${dockerfile} as ${tag}\n`);
      buildImage(services.podman(), { dockerfile, context, tag, signal: abort.signal,
        onOutput: print })
        .then((result) => {
          print(result.ok ? `\nBuilt ${tag}.\n` : `\n${result.failure
            ? describeFailure(result.failure) : 'The build failed.'}\n`);
          close.fire(result.ok ? 0 : 1);
        })
        .catch((error: unknown) => {
          print(`\n${error instanceof Error ? error.message : String(error)}\n`);
          close.fire(error instanceof ProgramCancelled ? 130 : 2);
        });
    },
    close: () => abort.abort(),
  };
}
