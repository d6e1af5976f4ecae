// Workspace trust for the commands that run programs. A cloned repository must not be able to
// make Rootguard run podman, gpg or skopeo; lint and quick-fixes run no program and need no
// trust. No editor code here, so the gate is tested with a fake workspace.

/** What the gate reads of VS Code's workspace. */
export interface WorkspaceTrust {
  readonly isTrusted: boolean;
}

/** Every command that runs a program, with what it would do, for the explanation. */
export const TOOL_COMMANDS = {
  'rootguard.buildImage': 'build images with podman',
  'rootguard.runHardened': 'run containers with podman',
  'rootguard.verifyContainer': 'inspect containers with podman',
  'rootguard.checkHost': 'run podman to check this machine',
  'rootguard.signing.generateKey': 'generate keys with gpg',
  'rootguard.signing.importKey': 'import keys with gpg',
  'rootguard.signing.exportPublicKey': 'export keys with gpg',
  'rootguard.signing.copyFingerprint': 'read your GPG keyring',
  'rootguard.signing.useAsSigningKey': 'read your GPG keyring',
  'rootguard.signing.trustKey': 'export keys with gpg',
  'rootguard.signing.signAndPush': 'push and sign images with podman',
  'rootguard.signing.verifyImage': 'run skopeo and gpg to verify signatures',
  'rootguard.signing.report': 'read your GPG keyring',
} as const;

export type ToolCommand = keyof typeof TOOL_COMMANDS;

/** The button that opens VS Code's workspace trust editor. */
export const MANAGE_TRUST = 'Manage Workspace Trust';

/** Why a command does nothing in an untrusted workspace, and how to change that. */
export function untrustedExplanation(what: string): string {
  return `Rootguard does not ${what} in an untrusted workspace: files from a cloned ` +
    'repository could make it run programs on your machine. Linting and quick-fixes still ' +
    `work. To use podman, gpg and skopeo from Rootguard, trust this workspace (${MANAGE_TRUST}).`;
}

/**
 * Whether a command may run programs. In an untrusted workspace it tells the user why not and
 * how to trust the workspace, and answers no.
 */
export function mayRunPrograms(workspace: WorkspaceTrust, what: string,
  tell: (explanation: string) => void): boolean {
  if (workspace.isTrusted) return true;
  tell(untrustedExplanation(what));
  return false;
}
