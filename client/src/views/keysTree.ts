// The Keys view: the user's GnuPG keys, with what matters for signing images at a glance.
import * as os from 'node:os';
import * as vscode from 'vscode';
import type { SigningServices } from '../commands/signingContext';
import { listKeys, type KeyringKey } from '../gpg/keyring';
import { expiresSoon } from '../signing/signingReport';
import { policyTrustedFingerprints } from '../signing/trustedFingerprints';
import { ProgramMissingError } from '../system/execute';

export type KeysState = 'untrusted' | 'gpgMissing' | 'noKeys' | 'error' | 'ready';

export class KeyItem extends vscode.TreeItem {
  constructor(readonly key: KeyringKey, trusted: boolean, isSigningKey: boolean) {
    // The name alone, and the markers first: a sidebar is narrow; the tooltip has the rest.
    super(key.userId.replace(/\s*<[^>]*>\s*$/, '') || key.userId,
      vscode.TreeItemCollapsibleState.None);
    this.id = `key:${key.fingerprint}`;
    this.description = [...markers(key, trusted, isSigningKey), key.shortFingerprint,
      key.algorithm].join(' · ');
    this.contextValue = key.hasSecret ? 'rootguard.key.secret' : 'rootguard.key';
    this.iconPath = icon(key);
    this.tooltip = tooltip(key, trusted);
    this.accessibilityInformation = { label: `${key.userId}, ${this.description}` };
  }
}

export class KeysTreeProvider implements vscode.TreeDataProvider<KeyItem> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  /** The keys last listed, for commands that ask the user to pick one. */
  keys: KeyringKey[] = [];
  /** What the view last showed, as its welcome content reads it. */
  state: KeysState | undefined;

  constructor(private readonly services: SigningServices) {}

  refresh(): void {
    this.changed.fire();
  }

  getTreeItem(item: KeyItem): vscode.TreeItem {
    return item;
  }

  async getChildren(element?: KeyItem): Promise<KeyItem[]> {
    if (element) return [];
    if (!vscode.workspace.isTrusted) return this.showState('untrusted');
    try {
      this.keys = await listKeys(this.services.gpg());
    } catch (error) {
      this.services.log.error(`Listing GPG keys failed: ${(error as Error).message}`);
      return this.showState(error instanceof ProgramMissingError ? 'gpgMissing' : 'error');
    }
    if (this.keys.length === 0) return this.showState('noKeys');
    await this.setState('ready');
    const trusted = await policyTrustedFingerprints(this.services.trustedKeyFiles(), os.homedir());
    const signingKey = this.services.signingKey();
    return this.keys.map((key) => new KeyItem(key,
      key.keyFingerprints.some((f) => trusted.has(f)), key.fingerprint === signingKey));
  }

  private async showState(state: KeysState): Promise<KeyItem[]> {
    this.keys = [];
    await this.setState(state);
    return [];
  }

  private async setState(state: KeysState): Promise<void> {
    this.state = state;
    await vscode.commands.executeCommand('setContext', 'rootguard.signing.keysState', state);
  }
}

function markers(key: KeyringKey, trusted: boolean, isSigningKey: boolean): string[] {
  const now = new Date();
  return [
    ...(key.hasSecret ? ['secret'] : []),
    ...(isSigningKey ? ['signing key'] : []),
    ...(trusted ? ['trusted by policy'] : []),
    ...(key.revoked ? ['revoked'] : []),
    ...(key.expired ? ['expired'] : []),
    ...(expiresSoon(key, now) && key.expires
      ? [`expires in ${Math.ceil((key.expires.getTime() - now.getTime()) / 86_400_000)} d`] : []),
  ];
}

function icon(key: KeyringKey): vscode.ThemeIcon {
  if (key.revoked || key.expired) {
    return new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
  }
  if (expiresSoon(key)) {
    return new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
  }
  return new vscode.ThemeIcon(key.hasSecret ? 'key' : 'unlock');
}

function tooltip(key: KeyringKey, trusted: boolean): vscode.MarkdownString {
  const date = (d?: Date): string => d ? d.toISOString().slice(0, 10) : 'never';
  return new vscode.MarkdownString([
    `**${escape(key.userIds.join(', '))}**`, '',
    `Fingerprint: \`${key.fingerprint}\``, '',
    `Algorithm: ${key.algorithm} · created ${date(key.created)} · expires ${date(key.expires)}`,
    '',
    [key.hasSecret ? 'Secret key present (can sign)' : 'Public key only',
      trusted ? 'trusted by policy.json' : 'not in policy.json',
      key.hasRevocationCertificate ? 'revocation certificate in openpgp-revocs.d'
        : 'no revocation certificate', ...(key.revoked ? ['**revoked**'] : [])].join(' · '),
  ].join('\n'));
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|]/g, '\\$&');
}
