import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Directive } from '../../../server/src/nginx/ast';
import {
  contextOf,
  findDirectives,
  lineRangeForRemoval,
  walkDirectives,
} from '../../../server/src/nginx/walk';
import { applyEdit, names, parse } from './helpers';

const CONFIG = `user nginx;
http {
    server {
        listen 80;
        location / { root /srv; }
    }
    server { listen 81; }
}
`;

test('walkDirectives visits parents before children, in file order, with their context', () => {
  const seen: string[] = [];
  walkDirectives(parse(CONFIG), (directive, ancestors) => {
    seen.push([...contextOf(ancestors), directive.name].join('>'));
  });
  assert.deepEqual(seen, [
    'user',
    'http',
    'http>server',
    'http>server>listen',
    'http>server>location',
    'http>server>location>root',
    'http>server',
    'http>server>listen',
  ]);
});

test('contextOf gives an empty chain in the main context', () => {
  const contexts: string[][] = [];
  walkDirectives(parse('user nginx;'), (_directive, ancestors) => {
    contexts.push(contextOf(ancestors));
  });
  assert.deepEqual(contexts, [[]]);
});

test('findDirectives looks at direct children only', () => {
  const http = findDirectives(parse(CONFIG).directives, 'http')[0] ?? assert.fail();
  const servers = findDirectives(http.block?.children ?? [], 'server');
  assert.equal(servers.length, 2);
  assert.deepEqual(findDirectives(http.block?.children ?? [], 'listen'), []);
});

/** The `index`-th directive named `name`, in walk order. */
function nth(text: string, name: string, index = 0): Directive {
  const found: Directive[] = [];
  walkDirectives(parse(text), (directive) => {
    if (directive.name === name) {
      found.push(directive);
    }
  });
  return found[index] ?? assert.fail(`no ${name} #${index}`);
}

function remove(text: string, name: string, index = 0): string {
  const directive = nth(text, name, index);
  return applyEdit(text, { span: lineRangeForRemoval(text, directive), newText: '' });
}

test('removing a directive alone on its line removes the whole line', () => {
  assert.equal(remove('a 1;\n    b 2;\nc 3;\n', 'b'), 'a 1;\nc 3;\n');
});

test('removing a block directive removes all of its lines', () => {
  assert.equal(
    remove(CONFIG, 'server'),
    'user nginx;\nhttp {\n    server { listen 81; }\n}\n',
  );
});

test('removing the last line of a file without a final line break leaves no blank line', () => {
  assert.equal(remove('a 1;\nb 2;', 'b'), 'a 1;');
  assert.equal(remove('b 2;', 'b'), '');
});

test('removing a directive that shares its line removes only it and its separating blanks', () => {
  assert.equal(remove('a 1; b 2;\n', 'a'), 'b 2;\n');
  assert.equal(remove('a 1; b 2;\n', 'b'), 'a 1;\n');
  assert.equal(remove('  a 1; b 2; c 3;\n', 'b'), '  a 1; c 3;\n');
});

test('removing a directive keeps a comment on the same line', () => {
  assert.equal(remove('a 1; # keep me\nb 2;\n', 'a'), '# keep me\nb 2;\n');
});

test('removal works line by line in CRLF files', () => {
  assert.equal(remove('a 1;\r\nb 2;\r\nc 3;\r\n', 'b'), 'a 1;\r\nc 3;\r\n');
});

test('line helpers ignore a byte order mark, like the parser', () => {
  const text = '\uFEFFa 1;\nb 2;\n';
  const directive = parse(text).directives[0] ?? assert.fail();
  assert.deepEqual(lineRangeForRemoval(text, directive), {
    start: { line: 0, character: 0 },
    end: { line: 1, character: 0 },
  });
});

test('walking a tree nested 100k levels deep does not overflow the stack', () => {
  const depth = 100_000;
  const config = parse('a {'.repeat(depth) + '}'.repeat(depth));
  assert.deepEqual(config.errors, []);
  let deepest = 0;
  let visited = 0;
  walkDirectives(config, (_directive, ancestors) => {
    visited++;
    deepest = Math.max(deepest, ancestors.length);
  });
  assert.equal(visited, depth);
  assert.equal(deepest, depth - 1);
  assert.deepEqual(names(config.directives), ['a']);
});
