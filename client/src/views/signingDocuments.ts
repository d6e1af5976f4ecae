// Read-only documents for reports and proposed file contents: the detail view of an image's
// signatures, the signing report, and a file Rootguard offers to write (shown before writing).
import * as vscode from 'vscode';
import type { ImageReport } from '../signing/verifyImage';

export const SIGNING_SCHEME = 'rootguard-signing';

export class SigningDocuments implements vscode.TextDocumentContentProvider {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.path) ?? '';
  }

  /** Shows text as a read-only document named `name` (its extension picks the language). */
  async show(name: string, text: string, options: vscode.TextDocumentShowOptions = {}):
    Promise<vscode.Uri> {
    const uri = this.put(name, text);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: true, ...options });
    return uri;
  }

  /** Stores text under a URI without opening it (e.g. the right side of a diff). */
  put(name: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: SIGNING_SCHEME, path: `/${name}` });
    this.contents.set(uri.path, text);
    this.changed.fire(uri);
    return uri;
  }
}

/** The detail view of one image: every signature's verdict and reason. */
export function imageReportMarkdown(report: ImageReport): string {
  const row = (cells: (string | number | null)[]): string =>
    `| ${cells.map((c) => String(c ?? '—').replace(/\|/g, '\\|')).join(' | ')} |`;
  return [
    `# ${report.reference}`, '',
    `**${report.verdict}** — ${report.reason}`, '',
    `- Registry manifest digest: \`${report.digest ?? 'unknown'}\``,
    `- Signatures read from: ${report.lookaside ?? 'not looked up'}`,
    ...report.notes.map((note) => `- ${note}`), '',
    ...(report.signatures.length === 0 ? ['No signatures.'] : [
      row(['#', 'verdict', 'reason', 'signer', 'identity', 'digest', 'timestamp']),
      row(['---', '---', '---', '---', '---', '---', '---']),
      ...report.signatures.map((s) => row([s.index, s.verdict, s.reason, s.fingerprint,
        s.identity, s.digest, s.timestamp === null ? null
          : new Date(s.timestamp * 1000).toISOString()])),
    ]),
    '',
  ].join('\n');
}
