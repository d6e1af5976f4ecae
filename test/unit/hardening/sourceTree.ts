// The product's source files, read as text, for the tests that check a property of the whole
// tree: how processes start, how commands are registered.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const REPO = path.resolve(__dirname, '..', '..', '..', '..');

export interface SourceFile {
  /** Relative to the repository, with `/`. */
  file: string;
  text: string;
}

/** Every .ts file under the given folders of the repository. */
export function sourceFiles(...folders: string[]): SourceFile[] {
  const found: SourceFile[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts')) {
        found.push({ file: path.relative(REPO, full).split(path.sep).join('/'),
          text: fs.readFileSync(full, 'utf8') });
      }
    }
  };
  folders.forEach((folder) => walk(path.join(REPO, folder)));
  return found;
}

export function packageJson(): unknown {
  return JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
}

/** A member of a JSON object, or undefined. */
export function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)[name] : undefined;
}
