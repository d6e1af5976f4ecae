// The server survives a rule that throws: the other rules still report, the file gets one
// diagnostic naming the failed rule, and the server's log gets the exception once.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { runRules } from '../../../server/src/analysis/runRules';
import type { Finding } from '../../../server/src/core/finding';
import { Session, type SessionConnection } from '../../../server/src/lsp/session';
import { DOCKERFILE_RULES } from '../../../server/src/rules/index';
import type { DockerfileRule } from '../../../server/src/rules/rule';

const FakeThrowingRule: DockerfileRule = {
  target: 'dockerfile',
  meta: { id: 'RG999', title: 'a fake rule that always throws', severity: 'warning',
    fixable: false, docs: { what: '', why: '', bad: {}, fix: '', good: {} } },
  check: () => {
    throw new Error('fake failure inside RG999');
  },
};

/** A stand-in for the LSP connection that keeps what the server logs and publishes. */
class FakeConnection implements SessionConnection {
  readonly errors: string[] = [];
  readonly published: PublishDiagnosticsParams[] = [];
  readonly console = { error: (message: string) => void this.errors.push(message) };
  sendDiagnostics = async (params: PublishDiagnosticsParams): Promise<void> => {
    this.published.push(params);
  };
}

const DOCKERFILE = 'FROM debian:bookworm\nEXPOSE 80\n';

describe('a rule that throws', () => {
  test('runRules turns it into one finding naming the rule, and runs the others', () => {
    const fakeFine = { meta: { id: 'RG998' }, check: (input: { file: string }): Finding[] => [{
      rule: 'RG998', severity: 'info', message: 'fine', file: input.file, data: {}, fixes: [],
      span: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } }] };
    const fakeThrowing = { meta: { id: 'RG999' }, check: (): Finding[] => FakeThrowingRule
      .check({} as never) };
    const findings = runRules([fakeThrowing, fakeFine], { file: '/p/Dockerfile' });
    assert.deepEqual(findings.map((f) => [f.rule, f.severity]), [['RG999', 'error'],
      ['RG998', 'info']]);
    assert.match(findings[0].message,
      /^Rule RG999 failed on this file and was skipped \(fake failure inside RG999\)/);
    assert.match(findings[0].data.failure ?? '', /^Error: fake failure inside RG999\n\s+at /);
  });

  describe('in the language server', () => {
    before(() => DOCKERFILE_RULES.push(FakeThrowingRule));
    after(() => DOCKERFILE_RULES.splice(DOCKERFILE_RULES.indexOf(FakeThrowingRule), 1));

    test('becomes one logged error and a diagnostic; the other rules still report', () => {
      const connection = new FakeConnection();
      const document = TextDocument.create('file:///project/Dockerfile', 'dockerfile', 1,
        DOCKERFILE);
      const session = new Session(connection, { all: () => [document] });
      session.validate(document);
      session.validate(document);

      assert.equal(connection.errors.length, 1, connection.errors.join('\n'));
      assert.match(connection.errors[0],
        /^Rule RG999 failed on \/project\/Dockerfile; the other rules still ran\. Error: fake/);
      const last = connection.published.at(-1);
      assert.deepEqual(last?.diagnostics.map((d) => d.code).sort(), ['RG101', 'RG104', 'RG999']);
      const failed = last?.diagnostics.find((d) => d.code === 'RG999');
      assert.match(String(failed?.message), /Rule RG999 failed on this file and was skipped/);
    });
  });
});
