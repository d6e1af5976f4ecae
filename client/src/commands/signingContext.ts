// What the signing commands and views share: settings, the log, workspace trust, refreshes.
import * as vscode from 'vscode';
import type { GpgContext } from '../gpg/gpg';
import type { PodmanAccess } from '../signing/podmanSigning';

export interface SigningServices {
  log: vscode.LogOutputChannel;
  gpg(): GpgContext;
  podman(): PodmanAccess;
  skopeoPath(): string;
  /** Key files from rootguard.signing.trustedKeys, trusted in addition to policy.json. */
  trustedKeyFiles(): string[];
  signingKey(): string | undefined;
  /**
   * False (after telling the user why) in an untrusted workspace: a cloned repository must
   * not be able to make Rootguard run gpg, podman or skopeo.
   */
  mayRunTools(): boolean;
  refreshKeys(): void;
  refreshImages(): void;
}

export function signingServices(log: vscode.LogOutputChannel,
  refresh: { keys(): void; images(): void }): SigningServices {
  // Settings naming programs are machine-scoped in package.json, so a workspace cannot set them.
  const setting = <T>(name: string, fallback: T): T =>
    vscode.workspace.getConfiguration('rootguard.signing').get<T>(name) ?? fallback;
  const logLine = (line: string): void => log.info(line);
  return {
    log,
    gpg: () => ({ gpgPath: setting('gpgPath', 'gpg'),
      gnupgHome: setting('gnupgHome', '') || undefined, log: logLine }),
    podman: () => ({
      // The podman settings (machine-scoped) belong to the podman features; signing shares them.
      podmanPath: vscode.workspace.getConfiguration('rootguard.podman').get<string>('path') ||
        'podman',
      globalArgs: vscode.workspace.getConfiguration('rootguard.podman')
        .get<string[]>('globalArgs') ?? [],
      env: gnupgEnv(setting('gnupgHome', '')),
      log: logLine,
    }),
    skopeoPath: () => setting('skopeoPath', 'skopeo'),
    trustedKeyFiles: () => setting<string[]>('trustedKeys', []),
    signingKey: () => setting<string>('signingKey', '') || undefined,
    mayRunTools: () => {
      if (vscode.workspace.isTrusted) return true;
      void explainUntrusted();
      return false;
    },
    refreshKeys: refresh.keys,
    refreshImages: refresh.images,
  };
}

/** podman signs through GPGME, which reads GNUPGHOME like gpg does. */
function gnupgEnv(home: string): Record<string, string> {
  return home ? { GNUPGHOME: home } : {};
}

async function explainUntrusted(): Promise<void> {
  const choice = await vscode.window.showWarningMessage(
    'Rootguard runs no gpg, podman or skopeo in an untrusted workspace, so that a repository ' +
    'cannot make it run programs. Linting still works. Trust this workspace to sign and ' +
    'verify images.', 'Manage Workspace Trust');
  if (choice) await vscode.commands.executeCommand('workbench.trust.manage');
}

/** Runs a command body, turning any failure into one message and a log entry. */
export function guarded<A extends unknown[]>(services: SigningServices, title: string,
  body: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await body(...args);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      services.log.error(`${title}: ${message}`);
      const choice = await vscode.window.showErrorMessage(`${title}: ${message}`, 'Show Log');
      if (choice) services.log.show();
    }
  };
}
