import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { parseDockerfile } from '../../../server/src/dockerfile/parse';
import { lint } from '../../helpers/project';
import { anyText, dockerfileText, mutated, nginxText, RUNS, SEED } from './generators';

const EXAMPLE = path.resolve(__dirname, '..', '..', '..', '..', 'examples', 'hardened-nginx');
const realDockerfile = fs.readFileSync(path.join(EXAMPLE, 'Dockerfile'), 'utf8');
const realConfig = fs.readFileSync(path.join(EXAMPLE, 'nginx.conf'), 'utf8');
const options = { numRuns: RUNS, seed: SEED };

test('the Dockerfile model never throws on any text', () => {
  fc.assert(fc.property(fc.oneof(anyText, dockerfileText, mutated(realDockerfile)), (text) => {
    const model = parseDockerfile(text, '/p/Dockerfile');
    assert.ok(model.lineCount >= 1);
  }), options);
});

test('the whole analysis of a Dockerfile with its config never throws', () => {
  const pair = fc.tuple(fc.oneof(dockerfileText, mutated(realDockerfile), anyText),
    fc.oneof(nginxText, mutated(realConfig), anyText));
  fc.assert(fc.property(pair, ([dockerfile, config]) => {
    const findings = lint({ Dockerfile: dockerfile, 'nginx.conf': config,
      'conf.d/app.conf': config });
    for (const f of findings) {
      assert.ok(!/failed on this file/.test(f.message), `${f.rule} threw: ${f.message}`);
      assert.ok(f.span.start.line >= 0 && f.span.start.character >= 0);
    }
  }), options);
});

test('long generated inputs are analysed to the end', () => {
  const dockerfile = `FROM alpine\n${'RUN chmod a+w /tmp/x && sudo ls \\\n  && echo ok\n'
    .repeat(5_000)}USER root\n`;
  const config = `events {}\nhttp {\n${'server { listen 80; location / { return 200; } }\n'
    .repeat(5_000)}}\n`;
  const findings = lint({ Dockerfile: dockerfile, 'nginx.conf': config });
  assert.equal(findings.filter((f) => f.rule === 'RG105').length, 5_000);
  assert.equal(findings.filter((f) => f.rule === 'RG201').length, 5_000);
});
