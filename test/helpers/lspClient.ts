import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { ServerProcess } from './serverProcess';

export { SERVER } from './serverProcess';

/** The built language server over stdio, with ways to wait for a document's diagnostics. */
export class LspClient extends ServerProcess {
  private readonly latest = new Map<string, PublishDiagnosticsParams>();
  private readonly waiters: { uri: string; resolve: (p: PublishDiagnosticsParams) => void }[] =
    [];

  protected published(params: PublishDiagnosticsParams): void {
    this.latest.set(params.uri, params);
    const index = this.waiters.findIndex((w) => w.uri === params.uri);
    if (index >= 0) this.waiters.splice(index, 1)[0].resolve(params);
  }

  /** Resolves with the next diagnostics published for `uri`. */
  nextDiagnostics(uri: string, timeoutMs = 10_000): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri}`)), timeoutMs);
      this.waiters.push({ uri, resolve: (p) => { clearTimeout(timer); resolve(p); } });
    });
  }

  /**
   * Resolves once the diagnostics published for `uri` satisfy `accept`: a multi-file edit
   * sends one didChange per file, and the state between them is not the one to assert on.
   */
  async until(uri: string, accept: (p: PublishDiagnosticsParams) => boolean,
    timeoutMs = 10_000): Promise<PublishDiagnosticsParams> {
    const deadline = Date.now() + timeoutMs;
    let current = this.latest.get(uri);
    while (!current || !accept(current)) {
      current = await this.nextDiagnostics(uri, Math.max(1, deadline - Date.now()));
    }
    return current;
  }

  /** Diagnostics already published for `uri`, or the next ones. */
  diagnostics(uri: string): Promise<PublishDiagnosticsParams> {
    const known = this.latest.get(uri);
    return known ? Promise.resolve(known) : this.nextDiagnostics(uri);
  }

  async change(uri: string, version: number, text: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version }, contentChanges: [{ text }] });
  }
}
