// Rootguard: Run Hardened — `podman run` with the profile the language server works out for a
// Dockerfile, plus the user's settings; the exact argument list is shown and confirmed first.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RunProfile } from '../../../server/src/image/runProfile';
import { commandLine } from '../podman/commandLine';
import { containerExists, inspectImage } from '../podman/inspect';
import { checkContainerName, nameFromFolder } from '../podman/reference';
import { hardenedRunArgs, removeContainer, runContainer } from '../podman/run';
import { rememberedTag, validationMessage } from './buildImage';
import type { PodmanServices } from './podmanContext';

const NAME_KEY = 'rootguard.containerName.';
/** Where Verify Container finds the health URL of a container this command started. */
export const HEALTH_URL_KEY = 'rootguard.healthUrl.';

export async function runHardenedCommand(services: PodmanServices, uri?: vscode.Uri):
  Promise<void> {
  const dockerfile = await services.dockerfile(uri);
  if (!dockerfile) return;
  try {
    const profile = await services.runProfile(dockerfile);
    const name = await vscode.window.showInputBox({
      title: 'Run Hardened', prompt: 'Container name',
      value: services.state.get<string>(NAME_KEY + dockerfile.fsPath) ??
        `rootguard-${nameFromFolder(path.basename(path.dirname(dockerfile.fsPath)))}`,
      validateInput: (value) => validationMessage(() => checkContainerName(value.trim())),
    });
    if (name === undefined) return;
    await services.state.update(NAME_KEY + dockerfile.fsPath, name.trim());

    const image = rememberedTag(services, dockerfile);
    const podman = services.podman();
    if (!await inspectImage(podman, image)) {
      const build = await vscode.window.showWarningMessage(`There is no image ${image} yet.`,
        'Build Image');
      if (build) await vscode.commands.executeCommand('rootguard.buildImage', dockerfile);
      return;
    }
    const args = hardenedRunArgs(profile, { name: name.trim(), image,
      ...services.runSettings() });
    const shown = commandLine([podman.path, ...podman.globalArgs, ...args]);
    services.log.info(`Run Hardened for ${dockerfile.fsPath}: ${shown}`);
    const confirmed = await vscode.window.showInformationMessage(
      `Run ${image} hardened?`,
      { modal: true, detail: `${shown}\n\n${describeProfile(profile)}` }, 'Run');
    if (confirmed !== 'Run') return;

    if (await containerExists(podman, name.trim())) {
      const replace = await vscode.window.showWarningMessage(
        `A container named ${name.trim()} exists. Stop and remove it, and start the new one?`,
        { modal: true }, 'Replace');
      if (replace !== 'Replace') return;
      await removeContainer(podman, name.trim());
    }

    const id = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification,
      title: `Starting ${name.trim()}` }, () => runContainer(podman, args));
    services.log.info(`Started ${name.trim()} (${id.slice(0, 12)}).`);
    const health = profile.health;
    if (health?.hostPort !== undefined) {
      await services.state.update(HEALTH_URL_KEY + name.trim(),
        `${health.scheme}://127.0.0.1:${health.hostPort}${health.path}`);
    }
    const next = await vscode.window.showInformationMessage(`${name.trim()} is running ` +
      `(${profile.ports.map((p) => `localhost:${p.host}`).join(', ') || 'no ports'}).`,
    'Verify Container');
    if (next) await vscode.commands.executeCommand('rootguard.verifyContainer', name.trim());
  } catch (error) {
    services.showError(error);
  }
}

function describeProfile(profile: RunProfile): string {
  const lines = [
    `Runs as: ${profile.user.spec ?? 'root'}${profile.user.isRoot ? ' (root: add a USER)' : ''}`,
    ...profile.writableDirs.map((d) => `Writable (tmpfs): ${d.path}`),
    ...profile.notes,
  ];
  return lines.join('\n');
}
