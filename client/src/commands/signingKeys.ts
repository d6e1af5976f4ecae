// Key commands: generate, import, export the public key, copy the fingerprint, choose the
// signing key. gpg does the work; passphrases stay between gpg-agent and the user.
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DEFAULT_EXPIRY, checkKeyRequest, generateKey, type KeyRequest } from '../gpg/generate';
import { exportPublicKey, importKeyFile, listKeys, type KeyringKey } from '../gpg/keyring';
import { writeFileSafely } from '../system/safeWrite';
import type { KeyItem } from '../views/keysTree';
import { guarded, type SigningServices } from './signingContext';
import { registerToolCommand } from './toolAccess';
import type { ToolCommand } from './workspaceTrust';

/** The key of a tree item, or one the user picks. */
export async function chooseKey(services: SigningServices, item: KeyItem | undefined,
  purpose: string, secretOnly = false): Promise<KeyringKey | undefined> {
  if (item?.key) return item.key;
  const keys = (await listKeys(services.gpg())).filter((k) => !secretOnly || k.hasSecret);
  if (keys.length === 0) {
    void vscode.window.showInformationMessage(secretOnly ? 'No secret key to sign with: ' +
      'generate or import one first.' : 'The keyring has no keys yet.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(keys.map((key) => ({
    label: key.userId, description: `${key.shortFingerprint} · ${key.algorithm}`, key,
  })), { placeHolder: purpose });
  return picked?.key;
}

export function registerKeyCommands(services: SigningServices): vscode.Disposable[] {
  const command = (id: ToolCommand, title: string, body: (item?: KeyItem) => Promise<void>) =>
    registerToolCommand(services.log, id, guarded(services, title, body));
  return [
    command('rootguard.signing.generateKey', 'Generate Key', () => generate(services)),
    command('rootguard.signing.importKey', 'Import Key', () => importKey(services)),
    command('rootguard.signing.exportPublicKey', 'Export Public Key',
      (item) => exportKey(services, item)),
    command('rootguard.signing.copyFingerprint', 'Copy Fingerprint', async (item) => {
      const key = await chooseKey(services, item, 'Key whose fingerprint to copy');
      if (!key) return;
      await vscode.env.clipboard.writeText(key.fingerprint);
      void vscode.window.showInformationMessage(`Copied ${key.fingerprint}.`);
    }),
    command('rootguard.signing.useAsSigningKey', 'Use as Signing Key', async (item) => {
      const key = await chooseKey(services, item, 'Key to sign images with', true);
      if (!key) return;
      if (!key.hasSecret || !key.canSign || key.revoked || key.expired) {
        throw new Error(`${key.userId} cannot sign: it needs a usable secret signing key.`);
      }
      await vscode.workspace.getConfiguration('rootguard.signing')
        .update('signingKey', key.fingerprint, vscode.ConfigurationTarget.Global);
      services.refreshKeys();
      void vscode.window.showInformationMessage(`Images will be signed with ${key.userId}.`);
    }),
  ];
}

async function generate(services: SigningServices): Promise<void> {
  const name = await vscode.window.showInputBox({ title: 'Generate Key (1/4)', prompt: 'Your name',
    validateInput: (v) => v.trim() ? undefined : 'Enter a name' });
  if (name === undefined) return;
  const email = await vscode.window.showInputBox({ title: 'Generate Key (2/4)', prompt: 'Email',
    validateInput: (v) => /^[^\s@<>]+@[^\s@<>]+$/.test(v) ? undefined : 'Enter an email' });
  if (email === undefined) return;
  const algorithm = await vscode.window.showQuickPick([
    { label: 'Ed25519', description: 'recommended: small, fast', value: 'ed25519' as const },
    { label: 'RSA 4096', description: 'for verifiers without Ed25519 support',
      value: 'rsa4096' as const },
  ], { title: 'Generate Key (3/4)', placeHolder: 'Algorithm' });
  if (!algorithm) return;
  const expiry = await vscode.window.showInputBox({ title: 'Generate Key (4/4)',
    prompt: 'Expires after (0 = never; e.g. 2y, 18m, 90d)', value: DEFAULT_EXPIRY });
  if (expiry === undefined) return;
  const request: KeyRequest = { name, email, algorithm: algorithm.value, expiry,
    protection: 'pinentry' };
  const problem = checkKeyRequest(request);
  if (problem) throw new Error(problem);

  // LIMITATION: the passphrase prompt is gpg-agent's pinentry; without a graphical pinentry
  // (pinentry-gnome3, pinentry-qt) on the machine, gpg fails and the message says so.
  const fingerprint = await vscode.window.withProgress({
    location: vscode.ProgressLocation.Notification,
    title: 'Generating key — gpg-agent asks for a passphrase in its own window',
  }, () => generateKey(services.gpg(), request));
  services.refreshKeys();
  const choice = await vscode.window.showInformationMessage(`Created key ${fingerprint}. ` +
    'gpg stored a revocation certificate in openpgp-revocs.d; keep a copy offline.',
  'Use as Signing Key');
  if (choice) {
    await vscode.workspace.getConfiguration('rootguard.signing')
      .update('signingKey', fingerprint, vscode.ConfigurationTarget.Global);
  }
}

async function importKey(services: SigningServices): Promise<void> {
  const files = await vscode.window.showOpenDialog({ title: 'Import Key', canSelectMany: false,
    filters: { 'OpenPGP keys': ['asc', 'gpg', 'pgp', 'key', 'pub'], 'All files': ['*'] } });
  if (!files?.[0]) return;
  const result = await importKeyFile(services.gpg(), files[0].fsPath);
  services.refreshKeys();
  void vscode.window.showInformationMessage(`Import: ${result.summary}.`);
}

async function exportKey(services: SigningServices, item?: KeyItem): Promise<void> {
  const key = await chooseKey(services, item, 'Key whose public part to export');
  if (!key) return;
  const target = await vscode.window.showSaveDialog({ title: 'Export Public Key',
    defaultUri: vscode.Uri.file(path.join(os.homedir(), `${key.shortFingerprint}.asc`)),
    filters: { 'Armored OpenPGP key': ['asc'] } });
  if (!target) return;
  const armored = await exportPublicKey(services.gpg(), key.fingerprint);
  const result = await writeFileSafely(target.fsPath, armored, {
    confirmOverwrite: async (file) => await vscode.window.showWarningMessage(
      `${file} exists. Replace it? A backup of it is kept.`, { modal: true }, 'Replace') ===
      'Replace',
  });
  if (!result.written) return;
  void vscode.window.showInformationMessage(`Exported the public key of ${key.userId} to ` +
    `${target.fsPath}${result.backup ? ` (previous file kept as ${result.backup})` : ''}.`);
}
