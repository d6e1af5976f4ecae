// A minimal LSP client for timing the built server over stdio, as an editor runs it: it
// stamps each didChange when it is written and each publishDiagnostics when it is read, and
// matches them by document version.

import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

export const SERVER = path.resolve(__dirname, '..', '..', 'dist', 'server.js');

interface Waiter {
  uri: string;
  version: number | undefined;
  resolve: (p: PublishDiagnosticsParams) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export class BenchLspClient {
  readonly process: ChildProcess;
  readonly connection: ProtocolConnection;
  /** performance.now() when the process was spawned. */
  readonly spawnedAt: number;
  private readonly waiters: Waiter[] = [];
  readonly logs: string[] = [];

  constructor(nodeArgs: string[] = []) {
    this.spawnedAt = performance.now();
    this.process = spawn(process.execPath, [...nodeArgs, SERVER, '--stdio'], { stdio: 'pipe' });
    this.process.stderr?.on('data', (d: Buffer) => this.logs.push(d.toString()));
    const { stdout, stdin } = this.process;
    if (!stdout || !stdin) throw new Error('server has no stdio');
    this.connection = createProtocolConnection(new StreamMessageReader(stdout),
      new StreamMessageWriter(stdin));
    this.connection.onNotification('textDocument/publishDiagnostics',
      (params: PublishDiagnosticsParams) => this.received(params));
    this.connection.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
    });
    // Default settings, as a user who configured nothing.
    this.connection.onRequest('workspace/configuration', () => [{}]);
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.listen();
  }

  private received(params: PublishDiagnosticsParams): void {
    const index = this.waiters.findIndex((w) => w.uri === params.uri &&
      (w.version === undefined || params.version === w.version));
    if (index < 0) return;
    const [waiter] = this.waiters.splice(index, 1);
    clearTimeout(waiter.timer);
    waiter.resolve(params);
  }

  async initialize(rootPath: string): Promise<void> {
    const uri = `file://${rootPath}`;
    await this.connection.sendRequest('initialize', {
      processId: process.pid, rootUri: uri,
      workspaceFolders: [{ uri, name: path.basename(rootPath) }],
      capabilities: { workspace: { configuration: true, didChangeConfiguration:
        { dynamicRegistration: true } } },
    });
    await this.connection.sendNotification('initialized', {});
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

  async open(uri: string, languageId: string, text: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didOpen',
      { textDocument: { uri, languageId, version: 1, text } });
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

  async stop(): Promise<void> {
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      // Already gone: nothing to stop.
    }
    this.connection.dispose();
    this.process.kill();
  }
}
