// Rootguard: Verify Container — the container report (running, not root, rootless, health,
// no permission errors) as Markdown, each line ✓ or ✗ with the reason and the fix.
import * as vscode from 'vscode';
import { containerNames } from '../podman/inspect';
import { checkContainerName } from '../podman/reference';
import type { Report } from '../podman/report';
import { verifyContainer } from '../podman/verify';
import { validationMessage } from './buildImage';
import type { PodmanServices } from './podmanContext';
import { HEALTH_URL_KEY } from './runHardened';

export async function verifyContainerCommand(services: PodmanServices, given?: string):
  Promise<void> {
  const podman = services.podman();
  try {
    const name = typeof given === 'string' ? checkContainerName(given) : await pickContainer(
      services);
    if (!name) return;
    const run = (url: string | undefined) => vscode.window.withProgress({
      location: vscode.ProgressLocation.Notification, title: `Verifying ${name}`,
    }, () => verifyContainer(podman, name, { url }));

    let url = services.state.get<string>(HEALTH_URL_KEY + name);
    let report = await run(url);
    if (url === undefined && unknownHealth(report)) {
      // No HEALTHCHECK URL and nothing remembered from Run Hardened: ask, once.
      url = await vscode.window.showInputBox({ title: `Verify ${name}`,
        prompt: 'Health endpoint to probe from this machine (leave empty to skip)',
        placeHolder: 'http://127.0.0.1:8080/health' });
      if (url) {
        await services.state.update(HEALTH_URL_KEY + name, url);
        report = await run(url);
      }
    }
    services.log.info(`Verified ${name}: ${report.checks.filter((c) => !c.ok).length} of ` +
      `${report.checks.length} checks failed.`);
    await services.showReport(`Container ${name}`, report);
  } catch (error) {
    services.showError(error);
  }
}

async function pickContainer(services: PodmanServices): Promise<string | undefined> {
  const containers = await containerNames(services.podman());
  if (containers.length === 0) {
    return vscode.window.showInputBox({ title: 'Verify Container', prompt: 'Container name',
      validateInput: (value) => validationMessage(() => checkContainerName(value)) });
  }
  const picked = await vscode.window.showQuickPick(containers.map((c) => ({
    label: c.name, description: `${c.image}${c.running ? '' : ' (not running)'}` })),
  { placeHolder: 'Container to verify' });
  return picked?.label;
}

function unknownHealth(report: Report): boolean {
  return report.checks.some((c) => !c.ok && c.detail.startsWith('no health endpoint known'));
}
