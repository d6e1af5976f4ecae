// Trust Key for Registry: export the public key next to the user's containers config and add a
// signedBy entry for a registry scope to the user's policy.json — shown first, with a backup.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { exportPublicKey } from '../gpg/keyring';
import { SYSTEM_POLICY, userPolicyPath } from '../signing/policy';
import { addTrustedKey, checkDockerScope, STARTER_POLICY } from '../signing/policyEdit';
import { writeFileSafely } from '../system/safeWrite';
import type { KeyItem } from '../views/keysTree';
import type { SigningDocuments } from '../views/signingDocuments';
import { chooseKey } from './signingKeys';
import { guarded, type SigningServices } from './signingContext';
import { registerToolCommand } from './toolAccess';

export function registerTrustCommand(services: SigningServices,
  documents: SigningDocuments): vscode.Disposable {
  return registerToolCommand(services.log, 'rootguard.signing.trustKey',
    guarded(services, 'Trust Key for Registry', (item?: KeyItem) =>
      trustKey(services, documents, item)));
}

async function trustKey(services: SigningServices, documents: SigningDocuments,
  item?: KeyItem): Promise<void> {
  const key = await chooseKey(services, item, 'Key to trust for a registry');
  if (!key) return;
  const scope = await vscode.window.showInputBox({
    title: `Trust ${key.userId}`,
    prompt: 'Registry, namespace or repository whose images this key may sign',
    placeHolder: 'registry.example.com:5000/team',
    validateInput: (value) => checkDockerScope(value.trim()),
  });
  if (!scope) return;

  const home = os.homedir();
  const keyFile = path.join(home, '.config', 'containers', 'keys', `${key.fingerprint}.asc`);
  const policyFile = userPolicyPath(home);
  const hadUserPolicy = fs.existsSync(policyFile);
  // The user's file replaces the system one, so a new one starts from the system's content.
  const current = hadUserPolicy ? fs.readFileSync(policyFile, 'utf8')
    : fs.existsSync(SYSTEM_POLICY) ? fs.readFileSync(SYSTEM_POLICY, 'utf8') : STARTER_POLICY;
  const change = addTrustedKey(current, hadUserPolicy ? policyFile : SYSTEM_POLICY,
    scope.trim(), keyFile);
  if (!change.changed) {
    void vscode.window.showInformationMessage(change.summary);
    return;
  }

  const before = hadUserPolicy ? vscode.Uri.file(policyFile)
    : documents.put('current/policy.json', current);
  const after = documents.put('proposed/policy.json', change.text);
  await vscode.commands.executeCommand('vscode.diff', before, after,
    `policy.json: trust ${key.shortFingerprint} for ${scope.trim()}`);
  const detail = `This ${change.summary}.\n\n` + (hadUserPolicy
    ? 'A backup of the current file is kept beside it.'
    : `This creates ${policyFile}, which podman then uses instead of ${SYSTEM_POLICY} ` +
      '(its content is copied in).') + `\n\nThe public key is written to ${keyFile}.`;
  const answer = await vscode.window.showWarningMessage(`Write ${policyFile}?`,
    { modal: true, detail }, 'Write');
  if (answer !== 'Write') return;

  const armored = await exportPublicKey(services.gpg(), key.fingerprint);
  await writeFileSafely(keyFile, armored, { confirmOverwrite: async (file) =>
    await vscode.window.showWarningMessage(`${file} exists with other content. Replace it? ` +
      'A backup is kept.', { modal: true }, 'Replace') === 'Replace' });
  const written = await writeFileSafely(policyFile, change.text, {
    // Confirmed above, after seeing the change.
    confirmOverwrite: async () => true,
  });
  services.log.info(`policy.json: ${change.summary}` +
    (written.backup ? `; backup ${written.backup}` : ''));
  services.refreshKeys();
  services.refreshImages();
  void vscode.window.showInformationMessage(`${key.userId} is trusted for ${scope.trim()}.` +
    (written.backup ? ` Backup: ${written.backup}` : ''));
}
