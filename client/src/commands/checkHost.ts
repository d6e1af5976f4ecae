// Rootguard: Check Host for Rootless — the host report: user, subordinate ids, user namespaces,
// id-mapping helpers, podman, network helper, storage, cgroups, port floor; fixes per distro.
import * as vscode from 'vscode';
import { checkHost } from '../podman/hostCheck';
import type { PodmanServices } from './podmanContext';

export async function checkHostCommand(services: PodmanServices): Promise<void> {
  try {
    const report = await vscode.window.withProgress({
      location: vscode.ProgressLocation.Notification,
      title: 'Checking this machine for rootless podman',
    }, () => checkHost(services.podman()));
    services.log.info(`Host check: ${report.checks.filter((c) => !c.ok).length} of ` +
      `${report.checks.length} checks failed.`);
    await services.showReport('Host readiness for rootless podman', report);
  } catch (error) {
    services.showError(error);
  }
}
