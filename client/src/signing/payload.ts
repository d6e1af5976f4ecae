// The "simple signing" payload podman signs: a JSON document with a `critical` part that every
// verifier must understand and an `optional` part it may ignore. Parsed as strictly as
// containers/image does: an unknown or duplicate member in `critical` rejects the signature,
// because a verifier that skipped a constraint it did not know would accept too much.
import { parseTree, type Node, type ParseError } from 'jsonc-parser';

export const SIGNATURE_TYPE = 'atomic container signature';

export interface SignaturePayload {
  /** `critical.image.docker-manifest-digest`. */
  manifestDigest: string;
  /** `critical.identity.docker-reference`, as written by the signer. */
  dockerReference: string;
  creator?: string;
  /** `optional.timestamp`, seconds since the epoch. */
  timestamp?: number;
}

export class PayloadError extends Error {}

/** Parses the signed literal data; throws PayloadError naming the first problem. */
export function parseSignaturePayload(data: Uint8Array): SignaturePayload {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    throw new PayloadError('the signed payload is not UTF-8 text');
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  if (!root || errors.length > 0) throw new PayloadError('the signed payload is not valid JSON');

  const top = exactMembers(root, 'the payload', ['critical', 'optional'], ['critical']);
  const critical = exactMembers(top.critical, '"critical"', ['type', 'image', 'identity']);
  const type = stringValue(critical.type, 'critical.type');
  if (type !== SIGNATURE_TYPE) {
    throw new PayloadError(`critical.type is "${type}", not "${SIGNATURE_TYPE}"`);
  }
  const image = exactMembers(critical.image, '"critical.image"', ['docker-manifest-digest']);
  const identity = exactMembers(critical.identity, '"critical.identity"', ['docker-reference']);
  const manifestDigest = stringValue(image['docker-manifest-digest'],
    'critical.image.docker-manifest-digest');
  if (!/^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/.test(manifestDigest)) {
    throw new PayloadError(`"${manifestDigest.slice(0, 100)}" is not a digest`);
  }
  return {
    manifestDigest,
    dockerReference: stringValue(identity['docker-reference'],
      'critical.identity.docker-reference'),
    ...optionalMembers(top.optional),
  };
}

/** `optional` may hold anything; creator and timestamp are read when well-formed. */
function optionalMembers(node: Node | undefined): Pick<SignaturePayload, 'creator' | 'timestamp'> {
  if (!node) return {};
  const members = objectMembers(node, '"optional"');
  const result: Pick<SignaturePayload, 'creator' | 'timestamp'> = {};
  if (members.creator) result.creator = stringValue(members.creator, 'optional.creator');
  if (members.timestamp) {
    const value = members.timestamp.value as unknown;
    if (members.timestamp.type !== 'number' || !Number.isSafeInteger(value)) {
      throw new PayloadError('optional.timestamp is not an integer');
    }
    result.timestamp = value as number;
  }
  return result;
}

/** Members of an object that must have exactly `allowed` (all of `required`, default all). */
function exactMembers(node: Node | undefined, where: string, allowed: string[],
  required: string[] = allowed): Record<string, Node> {
  if (!node) throw new PayloadError(`${where} is missing`);
  const members = objectMembers(node, where);
  for (const name of Object.keys(members)) {
    if (!allowed.includes(name)) throw new PayloadError(`unknown member "${name}" in ${where}`);
  }
  for (const name of required) {
    if (!(name in members)) throw new PayloadError(`${where} has no "${name}"`);
  }
  return members;
}

function objectMembers(node: Node, where: string): Record<string, Node> {
  if (node.type !== 'object') throw new PayloadError(`${where} is not a JSON object`);
  const members: Record<string, Node> = Object.create(null) as Record<string, Node>;
  for (const property of node.children ?? []) {
    const [key, value] = property.children ?? [];
    const name = String(key?.value);
    // Two members of one name: JSON parsers disagree on which wins, so accept neither.
    if (name in members) throw new PayloadError(`duplicate member "${name}" in ${where}`);
    if (value) members[name] = value;
  }
  return members;
}

function stringValue(node: Node | undefined, where: string): string {
  if (!node || node.type !== 'string') throw new PayloadError(`${where} is not a string`);
  return node.value as string;
}
