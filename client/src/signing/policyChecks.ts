// Editor checks for policy.json: containers/image refuses a whole policy for one unknown
// member or malformed requirement, so a typo means no image can be pulled. Pure: offsets in,
// findings out; the VS Code adapter turns them into diagnostics.
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  parseTree, printParseErrorCode, type Node, type ParseError,
} from 'jsonc-parser';
import { checkDockerScope } from './policyEdit';

export interface TrustFileFinding {
  start: number;
  end: number;
  severity: 'error' | 'warning' | 'information';
  message: string;
}

const REQUIREMENT_MEMBERS: Record<string, string[] | undefined> = {
  insecureAcceptAnything: ['type'],
  reject: ['type'],
  signedBy: ['type', 'keyType', 'keyPath', 'keyPaths', 'keyData', 'signedIdentity'],
  // LIMITATION: sigstoreSigned (cosign) requirements are recognised but not checked inside.
  sigstoreSigned: undefined,
};
const IDENTITY_MEMBERS: Record<string, string[]> = {
  matchExact: [], matchRepoDigestOrExact: [], matchRepository: [],
  exactReference: ['dockerReference'], exactRepository: ['dockerRepository'],
  remapIdentity: ['prefix', 'signedPrefix'],
};
const UNIMPLEMENTED_KEY_TYPES = ['signedByGPGKeys', 'X509Certificates', 'signedByX509CAs'];

export function checkPolicyText(text: string, file: string,
  exists: (p: string) => boolean = fs.existsSync): TrustFileFinding[] {
  const findings: TrustFileFinding[] = [];
  const add = (node: Node, severity: TrustFileFinding['severity'], message: string): void => {
    findings.push({ start: node.offset, end: node.offset + node.length, severity, message });
  };
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  for (const error of errors) {
    findings.push({ start: error.offset, end: error.offset + Math.max(error.length, 1),
      severity: 'error', message: `JSON: ${printParseErrorCode(error.error)}` });
  }
  if (!root || errors.length > 0) return findings;
  if (root.type !== 'object') {
    add(root, 'error', 'policy.json must be an object with "default" and "transports"');
    return findings;
  }
  const top = members(root, ['default', 'transports'], add);
  const context = { add, exists, base: path.dirname(file) };
  if (!top.default) add(root, 'error', 'policy.json needs "default", a list of requirements');
  else checkRequirements(top.default, context, true);
  if (top.transports?.type === 'object') {
    for (const transport of top.transports.children ?? []) {
      const [name, scopes] = transport.children ?? [];
      if (scopes?.type !== 'object') {
        add(transport, 'error', 'a transport maps scopes to lists of requirements');
        continue;
      }
      for (const scope of scopes.children ?? []) {
        const [scopeName, list] = scope.children ?? [];
        const problem = name?.value === 'docker' && scopeName?.value !== ''
          ? checkDockerScope(String(scopeName?.value)) : undefined;
        if (problem && scopeName) add(scopeName, 'warning', problem);
        if (list) checkRequirements(list, context, false);
      }
    }
  } else if (top.transports) {
    add(top.transports, 'error', '"transports" must be an object');
  }
  return findings;
}

interface Context {
  add: (node: Node, severity: TrustFileFinding['severity'], message: string) => void;
  exists: (p: string) => boolean;
  base: string;
}

function checkRequirements(list: Node, context: Context, isDefault: boolean): void {
  if (list.type !== 'array' || (list.children ?? []).length === 0) {
    context.add(list, 'error', 'requirements are a non-empty list');
    return;
  }
  for (const item of list.children ?? []) {
    const type = item.type === 'object' ? memberNode(item, 'type') : undefined;
    if (!type || type.type !== 'string') {
      context.add(item, 'error', 'a requirement needs "type"');
      continue;
    }
    const name = String(type.value);
    if (!(name in REQUIREMENT_MEMBERS)) {
      context.add(type, 'error', `unknown requirement type "${name}" (podman rejects the policy)`);
      continue;
    }
    const allowed = REQUIREMENT_MEMBERS[name];
    if (allowed) members(item, allowed, context.add);
    if (name === 'insecureAcceptAnything' && isDefault) {
      context.add(type, 'warning', 'the default accepts any image without checking signatures; ' +
        'consider "reject" and signedBy scopes for the registries you use');
    }
    if (name === 'signedBy') checkSignedBy(item, type, context);
  }
}

function checkSignedBy(item: Node, type: Node, context: Context): void {
  const keyType = memberNode(item, 'keyType');
  if (!keyType) context.add(type, 'error', 'signedBy needs "keyType": "GPGKeys"');
  else if (UNIMPLEMENTED_KEY_TYPES.includes(String(keyType.value))) {
    context.add(keyType, 'error', `keyType "${keyType.value}" is not implemented by podman`);
  } else if (keyType.value !== 'GPGKeys') {
    context.add(keyType, 'error', `unknown keyType "${keyType.value}" (use "GPGKeys")`);
  }
  const sources = ['keyPath', 'keyPaths', 'keyData'].filter((k) => memberNode(item, k));
  if (sources.length !== 1) {
    context.add(type, 'error', sources.length === 0
      ? 'signedBy needs one of keyPath, keyPaths or keyData'
      : `signedBy takes only one of keyPath, keyPaths, keyData (found ${sources.join(', ')})`);
  }
  const paths = [memberNode(item, 'keyPath'),
    ...(memberNode(item, 'keyPaths')?.children ?? [])];
  for (const node of paths) {
    if (!node || node.type !== 'string') continue;
    const file = path.resolve(context.base, String(node.value));
    if (!context.exists(file)) {
      context.add(node, 'warning', `${file} does not exist: podman will reject every image ` +
        'this requirement applies to');
    }
  }
  const identity = memberNode(item, 'signedIdentity');
  if (identity) checkIdentity(identity, context);
}

function checkIdentity(identity: Node, context: Context): void {
  const type = identity.type === 'object' ? memberNode(identity, 'type') : undefined;
  const name = String(type?.value);
  if (!type || !(name in IDENTITY_MEMBERS)) {
    context.add(type ?? identity, 'error', `unknown signedIdentity type "${type?.value ?? ''}"`);
    return;
  }
  const required = IDENTITY_MEMBERS[name];
  members(identity, ['type', ...required], context.add);
  for (const member of required) {
    if (!memberNode(identity, member)) context.add(type, 'error', `${name} needs "${member}"`);
  }
}

/** Members of an object by name; unknown ones are reported, as podman rejects them. */
function members(node: Node, allowed: string[],
  add: Context['add']): Record<string, Node | undefined> {
  const result: Record<string, Node | undefined> = {};
  for (const property of node.children ?? []) {
    const [key, value] = property.children ?? [];
    const name = String(key?.value);
    if (!allowed.includes(name) && key) {
      add(key, 'error', `unknown member "${name}": podman rejects the whole policy`);
    } else if (name in result && key) {
      add(key, 'error', `duplicate member "${name}"`);
    }
    result[name] = value;
  }
  return result;
}

function memberNode(node: Node, name: string): Node | undefined {
  const property = (node.children ?? []).find((p) => p.children?.[0]?.value === name);
  return property?.children?.[1];
}
