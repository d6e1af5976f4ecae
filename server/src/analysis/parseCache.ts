import { parseDockerfile } from '../dockerfile/parse';
import type { DockerfileModel } from '../dockerfile/model';
import type { NginxConfig } from '../nginx/ast';
import { parseNginx } from '../nginx/parser';

/**
 * Parses keyed by file and text: editing one file re-analyses its partner too, and the
 * partner's unchanged text should not be parsed again on every keystroke.
 */
class ParseCache<T> {
  private readonly entries = new Map<string, { text: string; value: T }>();

  constructor(private readonly parse: (text: string, file: string) => T,
    private readonly limit = 256) {}

  get(file: string, text: string): T {
    const hit = this.entries.get(file);
    if (hit && hit.text === text) return hit.value;
    const value = this.parse(text, file);
    this.entries.delete(file);
    this.entries.set(file, { text, value });
    if (this.entries.size > this.limit) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return value;
  }
}

export const dockerfiles = new ParseCache<DockerfileModel>(parseDockerfile);
export const nginxConfigs = new ParseCache<NginxConfig>(parseNginx);
