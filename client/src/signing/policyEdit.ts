// Adding a key to policy.json for a registry scope, as a text edit that keeps the user's
// formatting and comments-free JSON valid. Requirements in one scope are ANDed by podman, so a
// second signedBy would demand *both* keys: a new key joins the existing entry's keyPaths.
import { applyEdits, modify, parseTree, findNodeAtLocation, getNodeValue,
  type ParseError } from 'jsonc-parser';
import { parsePolicy } from './policy';

export interface PolicyChange {
  text: string;
  /** One sentence for the confirmation: what changes and why. */
  summary: string;
  changed: boolean;
}

/** A policy for a user who had none: reject nothing by default, as Debian's system file. */
export const STARTER_POLICY = '{\n    "default": [\n        {\n            "type": ' +
  '"insecureAcceptAnything"\n        }\n    ],\n    "transports": {}\n}\n';

const FORMAT = { formattingOptions: { insertSpaces: true, tabSize: 4, eol: '\n' } };

/** Scopes podman accepts for the docker transport: a registry, namespace or repository. */
export function checkDockerScope(scope: string): string | undefined {
  if (/^\*\.[a-z0-9-]+(?:\.[a-z0-9-]+)*$/i.test(scope)) return undefined;
  if (/^[a-zA-Z0-9.-]+(?::\d+)?(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/.test(scope)) {
    return undefined;
  }
  return `"${scope}" is not a registry, namespace or repository (e.g. registry.example:5000/team)`;
}

export function addTrustedKey(policyText: string, file: string, scope: string,
  keyPath: string): PolicyChange {
  const problem = checkDockerScope(scope);
  if (problem) throw new Error(problem);
  const errors: ParseError[] = [];
  const root = parseTree(policyText, errors, { disallowComments: true });
  if (!root || errors.length > 0) {
    throw new Error(`${file} is not valid JSON (at offset ${errors[0]?.offset ?? 0}); fix it ` +
      'first — Rootguard does not edit a file it cannot read.');
  }
  parsePolicy(policyText, file);

  const path = ['transports', 'docker', scope];
  const existing = findNodeAtLocation(root, path);
  const entry = { type: 'signedBy', keyType: 'GPGKeys', keyPath };
  if (!existing) {
    return edited(policyText, path, [entry], `adds scope "${scope}" to the docker transport ` +
      `with a signedBy requirement for ${keyPath}`);
  }
  const requirements = getNodeValue(existing) as unknown[];
  const signedBy = requirements.map((r, i) => ({ r: r as Record<string, unknown>, i }))
    .filter(({ r }) => r?.type === 'signedBy');
  if (signedBy.length === 0) {
    return edited(policyText, path, [entry],
      `replaces scope "${scope}" (${describe(requirements)})` +
      ` with a signedBy requirement for ${keyPath}`);
  }
  const [{ r: first, i }] = signedBy;
  const paths = keyPathsOf(first);
  if (signedBy.length > 1 || first.keyType !== 'GPGKeys' || paths === undefined) {
    throw new Error(`scope "${scope}" in ${file} already has a signedBy requirement Rootguard ` +
      'cannot extend (keyData, another keyType, or several); add the key by hand.');
  }
  if (paths.includes(keyPath)) {
    return { text: policyText, changed: false, summary: `${keyPath} is already trusted for ` +
      `"${scope}"` };
  }
  const updated = { ...first };
  delete updated.keyPath;
  updated.keyPaths = [...paths, keyPath];
  return edited(policyText, [...path, i], updated, `adds ${keyPath} to the keys trusted for ` +
    `"${scope}" (any one of them may sign)`);
}

function keyPathsOf(requirement: Record<string, unknown>): string[] | undefined {
  if ('keyData' in requirement) return undefined;
  if (typeof requirement.keyPath === 'string') return [requirement.keyPath];
  if (Array.isArray(requirement.keyPaths)) return requirement.keyPaths.map(String);
  return undefined;
}

function edited(text: string, path: (string | number)[], value: unknown,
  summary: string): PolicyChange {
  const result = applyEdits(text, modify(text, path, value, FORMAT));
  // The edit must leave a policy podman can read; anything else is a bug, not a user problem.
  JSON.parse(result);
  parsePolicy(result, 'the edited policy');
  return { text: result.endsWith('\n') ? result : `${result}\n`, summary, changed: true };
}

function describe(requirements: unknown[]): string {
  return requirements.map((r) => String((r as { type?: unknown })?.type)).join(', ') || 'empty';
}
