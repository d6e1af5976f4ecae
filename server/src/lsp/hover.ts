import type { Hover, Position } from 'vscode-languageserver/node';
import type { Finding } from '../core/finding';
import { containsPosition } from '../core/span';
import type { NginxConfig } from '../nginx/ast';
import { directiveDoc, variableDoc } from '../nginx/reference';
import { contextOf, walkDirectives } from '../nginx/walk';
import { renderRuleHover } from '../rules/docs';
import { ruleMeta } from '../rules/index';

/** Rule docs over a finding; nginx's own reference over a directive name or a variable. */
export function hover(position: Position, findings: Finding[], config: NginxConfig | undefined):
  Hover | undefined {
  const docs = findings
    .filter((f) => containsPosition(f.span, position))
    .map((f) => ruleMeta(f.rule))
    .filter((meta, i, all) => meta !== undefined && all.indexOf(meta) === i)
    .map((meta) => meta && renderRuleHover(meta));
  if (docs.length > 0) return { contents: { kind: 'markdown', value: docs.join('\n\n---\n\n') } };
  return config ? nginxHover(position, config) : undefined;
}

function nginxHover(position: Position, config: NginxConfig): Hover | undefined {
  let result: Hover | undefined;
  walkDirectives(config, (directive, ancestors) => {
    if (result) return;
    if (containsPosition(directive.nameSpan, position)) {
      const doc = directiveDoc(directive.name, contextOf(ancestors));
      if (doc) result = { contents: { kind: 'markdown', value: doc }, range: directive.nameSpan };
      return;
    }
    for (const word of directive.args) {
      if (!containsPosition(word.span, position) || word.variables.length === 0) continue;
      const doc = word.variables.map((v) => variableDoc(v)).find((d) => d !== undefined);
      if (doc) result = { contents: { kind: 'markdown', value: doc }, range: word.span };
    }
  });
  return result;
}
