import { findFiles, classify, type FoundFiles } from '../cli/fsWorkspace';
import { isDockerfile } from '../analysis/fileKinds';

/**
 * The Dockerfiles and nginx configs of the workspace folders, and which Dockerfile copies each
 * config. Built once at start-up and kept current from file-watch events and analyses; a
 * keystroke never rebuilds it.
 */
export class WorkspaceIndex {
  private readonly dockerfiles = new Set<string>();
  private readonly configs = new Set<string>();
  /** config → the Dockerfiles that copy it, learnt from each Dockerfile's analysis. */
  private readonly owners = new Map<string, Set<string>>();

  scan(folders: string[], maxBytes: number): void {
    for (const folder of folders) {
      const found = findFiles(folder, maxBytes);
      found.dockerfiles.forEach((f) => this.dockerfiles.add(f));
      found.configs.forEach((f) => this.configs.add(f));
    }
  }

  allDockerfiles(): string[] {
    return [...this.dockerfiles];
  }

  allConfigs(): string[] {
    return [...this.configs];
  }

  /** A file appeared or changed on disk. */
  added(file: string, maxBytes: number): void {
    const found: FoundFiles = { dockerfiles: [], configs: [] };
    classify(file, maxBytes, found);
    found.dockerfiles.forEach((f) => this.dockerfiles.add(f));
    found.configs.forEach((f) => this.configs.add(f));
  }

  /** An open editor says this file is nginx even if its name does not. */
  addConfig(file: string): void {
    if (!isDockerfile(file)) this.configs.add(file);
  }

  removed(file: string): void {
    this.dockerfiles.delete(file);
    this.configs.delete(file);
    this.owners.delete(file);
    for (const owners of this.owners.values()) owners.delete(file);
  }

  /** Records which configs a Dockerfile copies, as its latest analysis found. */
  setCopies(dockerfile: string, configs: string[]): void {
    this.dockerfiles.add(dockerfile);
    for (const owners of this.owners.values()) owners.delete(dockerfile);
    for (const config of configs) {
      this.configs.add(config);
      const owners = this.owners.get(config) ?? new Set<string>();
      owners.add(dockerfile);
      this.owners.set(config, owners);
    }
  }

  copiesOf(dockerfile: string): string[] {
    return [...this.owners].filter(([, owners]) => owners.has(dockerfile)).map(([c]) => c);
  }

  /** The Dockerfile a config is judged with: the first, by path, that copies it. */
  ownerOf(config: string): string | undefined {
    const owners = [...(this.owners.get(config) ?? [])].sort();
    return owners[0];
  }
}
