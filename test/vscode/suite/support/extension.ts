// The extension under test, found the same way whether it runs from the repository or from
// an installed .vsix, and its manifest as the host read it.

import * as vscode from 'vscode';

export const EXTENSION_ID = 'rootguard.rootguard';

export function rootguard(): vscode.Extension<unknown> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed in this host`);
  return extension;
}

export interface Manifest {
  activationEvents: string[];
  commands: string[];
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function strings(value: unknown): string[] {
  return list(value).filter((v): v is string => typeof v === 'string');
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)[name] : undefined;
}

/** The manifest the host loaded (for a .vsix: the packaged one, which is what users get). */
export function manifest(): Manifest {
  const json: unknown = rootguard().packageJSON;
  const commands = field(field(json, 'contributes'), 'commands');
  return {
    activationEvents: strings(field(json, 'activationEvents')),
    commands: strings(list(commands).map((c) => field(c, 'command'))),
  };
}

/**
 * The text of the "Rootguard" output channel. The API cannot read a channel, but the host
 * syncs a shown channel's model as an `output:` document (named after the extension and the
 * channel), so `rootguard.showOutput` must have run first.
 */
export function rootguardLog(): string | undefined {
  return vscode.workspace.textDocuments
    .find((d) => d.uri.scheme === 'output' && d.uri.path.includes(`${EXTENSION_ID}.Rootguard`))
    ?.getText();
}
