// The Images view: local podman images and the verdict on their registry signatures. Each
// image expands to its signatures, each with its verdict and reason.
import * as vscode from 'vscode';
import type { SigningServices } from '../commands/signingContext';
import { listLocalImages, type LocalImage } from '../podman/inspect';
import { ProgramMissingError } from '../system/execute';
import type { SignatureResult } from '../signing/verifySignature';
import type { ImageReport } from '../signing/verifyImage';

export type ImagesState = 'untrusted' | 'podmanMissing' | 'noImages' | 'error' | 'ready';

/** Checks one image; the caller decides where trust and the digest come from. */
export type ImageVerifier = (reference: string, image: LocalImage) => Promise<ImageReport>;

export class ImageItem extends vscode.TreeItem {
  constructor(readonly reference: string, readonly image: LocalImage,
    readonly report: ImageReport | undefined) {
    super(reference, report && report.signatures.length > 0
      ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    this.id = `image:${reference}`;
    this.contextValue = 'rootguard.image';
    const local = reference.startsWith('localhost/');
    const signer = report?.signatures.find((s) => s.verdict === report.verdict)?.fingerprint;
    this.description = local ? 'local only (never pushed)' : report
      ? `${report.verdict}${signer ? ` · ${signer.slice(-16)}` : ''}` : 'checking…';
    this.iconPath = local ? new vscode.ThemeIcon('device-desktop') : verdictIcon(report?.verdict);
    this.tooltip = report ? `${report.verdict}: ${report.reason}` : undefined;
    if (report) {
      this.command = { command: 'rootguard.signing.showSignatureDetails', title: 'Show Details',
        arguments: [this] };
    }
  }
}

export class SignatureItem extends vscode.TreeItem {
  constructor(parent: ImageItem, readonly signature: SignatureResult) {
    super(`signature-${signature.index}`, vscode.TreeItemCollapsibleState.None);
    this.id = `${parent.id ?? ''}:sig:${signature.index}`;
    this.description = `${signature.verdict} — ${signature.reason}`;
    this.tooltip = signature.reason;
    this.iconPath = verdictIcon(signature.verdict);
    this.contextValue = 'rootguard.signature';
  }
}

type Item = ImageItem | SignatureItem;

export class ImagesTreeProvider implements vscode.TreeDataProvider<Item> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly reports = new Map<string, ImageReport>();
  private readonly pending = new Set<string>();
  /** What the view last showed, as its welcome content reads it. */
  state: ImagesState | undefined;

  constructor(private readonly services: SigningServices,
    private readonly verify: ImageVerifier) {}

  /** Forgets every verdict and checks again. */
  refresh(): void {
    this.reports.clear();
    this.changed.fire();
  }

  /** Records a verdict from a command (e.g. right after pushing). */
  remember(report: ImageReport): void {
    this.reports.set(report.reference, report);
    this.changed.fire();
  }

  reportFor(reference: string): ImageReport | undefined {
    return this.reports.get(reference);
  }

  getTreeItem(item: Item): vscode.TreeItem {
    return item;
  }

  async getChildren(element?: Item): Promise<Item[]> {
    if (element instanceof SignatureItem) return [];
    if (element) {
      return (element.report?.signatures ?? []).map((s) => new SignatureItem(element, s));
    }
    if (!vscode.workspace.isTrusted) return this.showState('untrusted');
    let images: LocalImage[];
    try {
      images = await listLocalImages(this.services.podman());
    } catch (error) {
      this.services.log.error(`Listing podman images failed: ${(error as Error).message}`);
      return this.showState(error instanceof ProgramMissingError ? 'podmanMissing' : 'error');
    }
    const named = images.flatMap((image) => image.names.map((name) => ({ name, image })));
    if (named.length === 0) return this.showState('noImages');
    await this.setState('ready');
    for (const { name, image } of named) this.check(name, image);
    return named.map(({ name, image }) => new ImageItem(name, image, this.reports.get(name)));
  }

  /** Verifies in the background; the view updates when the verdict arrives. */
  private check(reference: string, image: LocalImage): void {
    if (reference.startsWith('localhost/') || this.reports.has(reference) ||
      this.pending.has(reference)) return;
    this.pending.add(reference);
    void this.verify(reference, image).then((report) => {
      this.reports.set(reference, report);
    }, (error: unknown) => {
      const reason = `verification failed: ${(error as Error).message}`;
      this.services.log.warn(`Verifying ${reference}: ${reason}`);
      // Remembered like a verdict, so the view does not retry in a loop.
      this.reports.set(reference, { reference, digest: null, verdict: 'unknown', reason,
        signatures: [], lookaside: null, notes: [] });
    }).finally(() => {
      this.pending.delete(reference);
      this.changed.fire();
    });
  }

  private async showState(state: ImagesState): Promise<Item[]> {
    await this.setState(state);
    return [];
  }

  private async setState(state: ImagesState): Promise<void> {
    this.state = state;
    await vscode.commands.executeCommand('setContext', 'rootguard.signing.imagesState', state);
  }
}

function verdictIcon(verdict: string | undefined): vscode.ThemeIcon {
  const color = (id: string): vscode.ThemeColor => new vscode.ThemeColor(id);
  switch (verdict) {
    case 'verified': return new vscode.ThemeIcon('verified-filled', color('testing.iconPassed'));
    case 'untrusted': return new vscode.ThemeIcon('question', color('list.warningForeground'));
    case 'invalid': return new vscode.ThemeIcon('error', color('list.errorForeground'));
    case 'unsigned': return new vscode.ThemeIcon('circle-slash');
    case 'unknown': return new vscode.ThemeIcon('circle-outline');
    default: return new vscode.ThemeIcon('loading~spin');
  }
}
