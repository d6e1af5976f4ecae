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

export const SERVER = path.resolve(__dirname, '..', '..', '..', 'dist', 'server.js');

/**
 * The built language server over stdio, as an editor starts it: spawned, connected, answering
 * the server's configuration requests with `settings`. The tests' client and the benchmark's
 * client differ only in how they wait for diagnostics, which `published` receives.
 */
export abstract class ServerProcess {
  readonly connection: ProtocolConnection;
  readonly process: ChildProcess;
  /** performance.now() just before the process was spawned. */
  readonly spawnedAt: number;
  readonly logs: string[] = [];

  constructor(settings: unknown = {}, nodeArgs: string[] = [], server = SERVER) {
    this.spawnedAt = performance.now();
    this.process = spawn(process.execPath, [...nodeArgs, server, '--stdio'], { stdio: 'pipe' });
    this.process.stderr?.on('data', (d: Buffer) => this.logs.push(d.toString()));
    const { stdout, stdin } = this.process;
    if (!stdout || !stdin) throw new Error('server has no stdio');
    this.connection = createProtocolConnection(new StreamMessageReader(stdout),
      new StreamMessageWriter(stdin));
    this.connection.onNotification('textDocument/publishDiagnostics',
      (params: PublishDiagnosticsParams) => this.published(params));
    this.connection.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
    });
    this.connection.onRequest('workspace/configuration', () => [settings]);
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.listen();
  }

  protected abstract published(params: PublishDiagnosticsParams): void;

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

  async open(uri: string, languageId: string, text: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didOpen',
      { textDocument: { uri, languageId, version: 1, text } });
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
