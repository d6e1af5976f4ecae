// Reading signatures from a lookaside store: `<base>/<repository path>@sha256=<hex>/signature-N`
// for N = 1, 2, … until one is missing, from a folder (file://) or a web server (http(s)://).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { DockerReference } from '../podman/reference';

/** More would be a misconfigured store (or a hostile one); podman users keep a handful. */
const MAX_SIGNATURES = 64;
/** containers/image caps a signature at 4 MiB too. */
const MAX_SIGNATURE_BYTES = 4 * 1024 * 1024;

export type LookasideBase =
  | { kind: 'file'; directory: string }
  | { kind: 'http'; url: URL };

/** Accepts `file:///dir`, `http(s)://host/path`, or a plain absolute or relative folder. */
export function parseLookasideBase(text: string, cwd = process.cwd()): LookasideBase {
  if (/^https?:\/\//i.test(text)) {
    const url = new URL(text);
    if (url.username || url.password) {
      throw new Error('a lookaside URL with a user name or password is not supported');
    }
    return { kind: 'http', url };
  }
  if (/^file:/i.test(text)) return { kind: 'file', directory: fileURLToPath(new URL(text)) };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    throw new Error(`lookaside "${text}" is neither file:// nor http(s)://`);
  }
  return { kind: 'file', directory: path.resolve(cwd, text) };
}

export function formatLookasideBase(base: LookasideBase): string {
  return base.kind === 'file' ? pathToFileURL(base.directory).href : base.url.href;
}

/** The folder (or URL path) holding the signatures of one manifest digest. */
export function signatureLocation(base: LookasideBase, ref: DockerReference, digest: string,
  index: number): string {
  const [algorithm, hex] = digest.split(':');
  const relative = `${ref.path}@${algorithm}=${hex}/signature-${index}`;
  if (base.kind === 'file') return path.join(base.directory, ...relative.split('/'));
  const url = new URL(base.url.href);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/${relative}`;
  return url.href;
}

/** Reads signature-1, signature-2, … and stops at the first missing one. */
export async function readSignatures(base: LookasideBase, ref: DockerReference,
  digest: string): Promise<Uint8Array[]> {
  const signatures: Uint8Array[] = [];
  for (let index = 1; index <= MAX_SIGNATURES; index++) {
    const location = signatureLocation(base, ref, digest, index);
    const data = base.kind === 'file' ? readFileSignature(location)
      : await fetchSignature(location);
    if (!data) break;
    signatures.push(data);
  }
  return signatures;
}

function readFileSignature(file: string): Uint8Array | undefined {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  if (stat.size > MAX_SIGNATURE_BYTES) throw new Error(`${file} is larger than 4 MiB`);
  return fs.readFileSync(file);
}

async function fetchSignature(url: string): Promise<Uint8Array | undefined> {
  const response = await fetch(url, { signal: AbortSignal.timeout(30_000), redirect: 'follow' });
  // A missing signature-N ends the list; containers/image reads 404 the same way.
  if (response.status === 404) return undefined;
  if (!response.ok) {
    throw new Error(`the lookaside server answered ${response.status} for ${url}`);
  }
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > MAX_SIGNATURE_BYTES) throw new Error(`${url} is larger than 4 MiB`);
  const body = new Uint8Array(await response.arrayBuffer());
  if (body.length > MAX_SIGNATURE_BYTES) throw new Error(`${url} is larger than 4 MiB`);
  return body;
}
