import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

export const SERVER = path.resolve(__dirname, '..', '..', '..', 'dist', 'server.js');

/**
 * The built language server over stdio, as an editor starts it, with a way to wait for the
 * next diagnostics of a document.
 */
export class LspClient {
  readonly connection: ProtocolConnection;
  private readonly process: ChildProcess;
  private readonly latest = new Map<string, PublishDiagnosticsParams>();
  private readonly waiters: { uri: string; resolve: (p: PublishDiagnosticsParams) => void }[] =
    [];
  readonly logs: string[] = [];

  constructor(settings: unknown = {}) {
    this.process = spawn(process.execPath, [SERVER, '--stdio'], { stdio: 'pipe' });
    this.process.stderr?.on('data', (d: Buffer) => this.logs.push(d.toString()));
    const { stdout, stdin } = this.process;
    if (!stdout || !stdin) throw new Error('server has no stdio');
    this.connection = createProtocolConnection(new StreamMessageReader(stdout),
      new StreamMessageWriter(stdin));
    this.connection.onNotification('textDocument/publishDiagnostics',
      (params: PublishDiagnosticsParams) => {
        this.latest.set(params.uri, params);
        const index = this.waiters.findIndex((w) => w.uri === params.uri);
        if (index >= 0) this.waiters.splice(index, 1)[0].resolve(params);
      });
    this.connection.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
    });
    this.connection.onRequest('workspace/configuration', () => [settings]);
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.listen();
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

  async open(uri: string, languageId: string, text: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didOpen',
      { textDocument: { uri, languageId, version: 1, text } });
  }

  async change(uri: string, version: number, text: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  alive(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
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
