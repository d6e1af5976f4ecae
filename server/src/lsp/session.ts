import type { Connection, RemoteConsole, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeImage, analyzeStandaloneConfig, type Workspace } from '../analysis/analyze';
import { isDockerfile, isNginxConfig } from '../analysis/fileKinds';
import { nginxConfigs } from '../analysis/parseCache';
import { DEFAULT_SETTINGS, type AnalysisSettings } from '../analysis/settings';
import { readText } from '../cli/fsWorkspace';
import type { Finding } from '../core/finding';
import { pathOf, toDiagnostic, uriOf } from './convert';
import { WorkspaceIndex } from './workspaceIndex';

/** What the session uses of the connection: the client's log and its diagnostics. */
export interface SessionConnection {
  console: Pick<RemoteConsole, 'error'>;
  sendDiagnostics: Connection['sendDiagnostics'];
}

/** What the session uses of the open documents. */
export type OpenDocuments = Pick<TextDocuments<TextDocument>, 'all'>;

/**
 * The language server's state: settings, the workspace index, and the findings last published
 * per file, which code actions and hovers answer from.
 */
export class Session {
  settings: AnalysisSettings = DEFAULT_SETTINGS;
  readonly index = new WorkspaceIndex();
  private readonly published = new Map<string, Finding[]>();
  /** Dockerfiles whose copies the index knows from an analysis of their current text. */
  private readonly learnt = new Set<string>();
  /** Rule failures already logged: each is logged once, not on every keystroke. */
  private readonly loggedFailures = new Set<string>();

  constructor(
    private readonly connection: SessionConnection,
    private readonly documents: OpenDocuments,
  ) {}

  findingsFor(file: string): Finding[] {
    return this.published.get(file) ?? [];
  }

  /** The open document's URI for a path, so edits target the editor's own document. */
  uriFor = (file: string): string => {
    const open = this.documents.all().find((d) => pathOf(d.uri) === file);
    return open ? open.uri : uriOf(file);
  };

  readonly workspace: Workspace = {
    read: (file) => {
      const open = this.documents.all().find((d) => pathOf(d.uri) === file);
      return open ? open.getText() : readText(file);
    },
    candidates: () => this.index.allConfigs(),
  };

  kindOf(document: TextDocument): 'dockerfile' | 'nginx' | undefined {
    const file = pathOf(document.uri);
    if (document.languageId === 'dockerfile' || (file && isDockerfile(file))) return 'dockerfile';
    if (document.languageId === 'nginx' || (file && isNginxConfig(file))) return 'nginx';
    return undefined;
  }

  /** Re-analyses a document and its partners, and publishes what changed. */
  validate(document: TextDocument): void {
    const file = pathOf(document.uri);
    const kind = this.kindOf(document);
    if (!file || !kind) return;
    try {
      if (kind === 'dockerfile') {
        this.validateImage(file, document.getText());
      } else {
        this.index.addConfig(file);
        this.learnOwners();
        const owner = this.index.ownerOf(file);
        const ownerText = owner === undefined ? undefined : this.workspace.read(owner);
        if (owner !== undefined && ownerText !== undefined) this.validateImage(owner, ownerText);
        if (this.index.ownerOf(file) === undefined) {
          this.publish(file, analyzeStandaloneConfig(file, document.getText(), this.workspace,
            this.settings));
        }
      }
    } catch (error) {
      // The server outlives any file: log the failure and leave the last diagnostics.
      this.connection.console.error(`Rootguard could not analyse ${file}: ${describe(error)}`);
    }
  }

  /**
   * A config opened before its Dockerfile must still be judged in that image: learn which
   * configs every indexed Dockerfile copies, once per Dockerfile text.
   */
  private learnOwners(): void {
    for (const dockerfile of this.index.allDockerfiles()) {
      if (this.learnt.has(dockerfile)) continue;
      this.learnt.add(dockerfile);
      const text = this.workspace.read(dockerfile);
      if (text === undefined) continue;
      const result = analyzeImage(dockerfile, text, this.workspace, this.settings);
      this.index.setCopies(dockerfile, result.placed.map((p) => p.file));
    }
  }

  /** A Dockerfile changed on disk: what it copies must be learnt again. */
  forget(file: string): void {
    this.learnt.delete(file);
  }

  private validateImage(dockerfile: string, text: string): void {
    const before = this.index.copiesOf(dockerfile);
    const result = analyzeImage(dockerfile, text, this.workspace, this.settings);
    this.learnt.add(dockerfile);
    this.index.setCopies(dockerfile, result.placed.map((p) => p.file));
    for (const [file, findings] of result.findings) this.publish(file, findings);

    // A config this Dockerfile stopped copying is judged on its own again.
    for (const file of before.filter((f) => !result.findings.has(f))) {
      const text = this.workspace.read(file);
      if (text !== undefined && this.index.ownerOf(file) === undefined) {
        this.publish(file, analyzeStandaloneConfig(file, text, this.workspace, this.settings));
      }
    }
  }

  /** Publishes for open documents only; findings for closed files stay for code actions. */
  private publish(file: string, findings: Finding[]): void {
    this.published.set(file, findings);
    findings.forEach((finding) => this.logFailure(file, finding));
    const open = this.documents.all().find((d) => pathOf(d.uri) === file);
    if (!open) return;
    void this.connection.sendDiagnostics({ uri: open.uri, version: open.version,
      diagnostics: findings.map(toDiagnostic) });
  }

  /** A rule that threw: its diagnostic tells the user, the log keeps the exception. */
  private logFailure(file: string, finding: Finding): void {
    const failure = finding.data.failure;
    // The message names the exception; its stack differs with every path that got there.
    const key = `${finding.rule}\n${file}\n${finding.message}`;
    if (failure === undefined || this.loggedFailures.has(key)) return;
    this.loggedFailures.add(key);
    this.connection.console.error(`Rule ${finding.rule} failed on ${file}; the other rules ` +
      `still ran. ${failure}`);
  }

  closed(document: TextDocument): void {
    const file = pathOf(document.uri);
    if (file) this.published.delete(file);
    void this.connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
  }

  nginxConfigOf(document: TextDocument) {
    const file = pathOf(document.uri);
    return file && this.kindOf(document) === 'nginx'
      ? nginxConfigs.get(file, document.getText()) : undefined;
  }

  validateAll(): void {
    for (const document of this.documents.all()) this.validate(document);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.stack ?? error.message : String(error);
}
