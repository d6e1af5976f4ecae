// What the signing commands and views share: settings, the log, refreshes.
import * as vscode from 'vscode';
import type { GpgContext } from '../gpg/gpg';
import type { PodmanOptions } from '../podman/podman';
import { podmanFromSettings, setting, strings } from './toolAccess';

export interface SigningServices {
  log: vscode.LogOutputChannel;
  gpg(): GpgContext;
  podman(): PodmanOptions;
  skopeoPath(): string;
  /** Key files from rootguard.signing.trustedKeys, trusted in addition to policy.json. */
  trustedKeyFiles(): string[];
  signingKey(): string | undefined;
  refreshKeys(): void;
  refreshImages(): void;
}

export function signingServices(log: vscode.LogOutputChannel,
  refresh: { keys(): void; images(): void }): SigningServices {
  const signing = <T>(name: string, fallback: T): T => setting('rootguard.signing', name, fallback);
  return {
    log,
    gpg: () => ({ gpgPath: signing('gpgPath', 'gpg'),
      gnupgHome: signing('gnupgHome', '') || undefined, log: (line) => log.info(line) }),
    // The podman settings belong to the podman features; signing shares them.
    podman: () => ({ ...podmanFromSettings(log), env: gnupgEnv(signing('gnupgHome', '')) }),
    skopeoPath: () => signing('skopeoPath', 'skopeo'),
    trustedKeyFiles: () => strings(signing<unknown>('trustedKeys', [])),
    signingKey: () => signing<string>('signingKey', '') || undefined,
    refreshKeys: refresh.keys,
    refreshImages: refresh.images,
  };
}

/** podman signs through GPGME, which reads GNUPGHOME like gpg does. */
function gnupgEnv(home: string): Record<string, string> {
  return home ? { GNUPGHOME: home } : {};
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
