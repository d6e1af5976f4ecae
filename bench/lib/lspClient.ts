// A minimal LSP client for timing the built server over stdio, as an editor runs it: it
// stamps each didChange when it is written and each publishDiagnostics when it is read, and
// matches them by document version. Spawning and the protocol set-up are the tests' own.

import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { ServerProcess } from '../../test/helpers/serverProcess';

/** Bundled into bench/tmp/, so the server is two folders up, not where the tests find it. */
export const SERVER = path.resolve(__dirname, '..', '..', 'dist', 'server.js');

interface Waiter {
  uri: string;
  version: number | undefined;
  resolve: (p: PublishDiagnosticsParams) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export class BenchLspClient extends ServerProcess {
  private readonly waiters: Waiter[] = [];

  /** Default settings, as a user who configured nothing. */
  constructor(nodeArgs: string[] = []) {
    super({}, nodeArgs, SERVER);
  }

  protected published(params: PublishDiagnosticsParams): void {
    const index = this.waiters.findIndex((w) => w.uri === params.uri &&
      (w.version === undefined || params.version === w.version));
    if (index < 0) return;
    const [waiter] = this.waiters.splice(index, 1);
    clearTimeout(waiter.timer);
    waiter.resolve(params);
  }

  /** Resolves with the diagnostics published for `uri` at `version` (any, if undefined). */
  diagnostics(uri: string, version?: number, timeoutMs = 60_000):
    Promise<PublishDiagnosticsParams> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const index = this.waiters.findIndex((w) => w.timer === timer);
        if (index >= 0) this.waiters.splice(index, 1);
        reject(new Error(`no diagnostics for ${uri} v${version ?? '*'}`));
      }, timeoutMs);
      this.waiters.push({ uri, version, resolve, reject, timer });
    });
  }

  /** One keystroke's worth: an incremental change, as VS Code sends while typing. */
  async type(uri: string, version: number, line: number, character: number, insert: string,
    removeLength = 0): Promise<void> {
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line, character },
        end: { line, character: character + removeLength } }, text: insert }],
    });
  }

  /** Milliseconds from a didChange being written to its diagnostics being read. */
  async timeKeystroke(uri: string, version: number, line: number, character: number,
    insert: string, removeLength = 0): Promise<number> {
    const published = this.diagnostics(uri, version);
    const t0 = performance.now();
    await this.type(uri, version, line, character, insert, removeLength);
    await published;
    return performance.now() - t0;
  }
}
