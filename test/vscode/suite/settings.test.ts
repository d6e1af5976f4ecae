import * as assert from 'node:assert/strict';
import { afterEach, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { findRule, rootguardDiagnostics, ruleOf, waitForRules } from './support/diagnostics';
import { eventually } from './support/poll';
import { insertLineBefore, replaceIn, restoreExamples, show, UNHARDENED } from
  './support/workspace';

const CONFIG_RULES = ['RG201', 'RG202', 'RG203', 'RG205'];
const Severity = vscode.DiagnosticSeverity;

function severityOf(rule: string): vscode.DiagnosticSeverity {
  return findRule(UNHARDENED.config, rule).severity;
}

function severities(): string {
  return rootguardDiagnostics(UNHARDENED.config)
    .map((d) => `${ruleOf(d)}=${Severity[d.severity]}`).join(' ');
}

async function openUnhardenedConfig(): Promise<vscode.TextDocument> {
  await show(UNHARDENED.dockerfile);
  const { document } = await show(UNHARDENED.config);
  await waitForRules(UNHARDENED.config, CONFIG_RULES);
  return document;
}

async function setSeverity(severity: Record<string, string> | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('rootguard')
    .update('severity', severity, vscode.ConfigurationTarget.Workspace);
}

describe('suppression comments and the severity setting, live', () => {
  afterEach(restoreExamples);

  it('hides a finding under `# rootguard-ignore RG201` and shows it again when removed',
    async () => {
      const config = await openUnhardenedConfig();
      await insertLineBefore(config, '        listen 80;', '        # rootguard-ignore RG201');
      await waitForRules(UNHARDENED.config, ['RG202', 'RG203', 'RG205']);

      await replaceIn(config, '        # rootguard-ignore RG201\n', '');
      await waitForRules(UNHARDENED.config, CONFIG_RULES);
    });

  it('hides a rule in the whole file under `# rootguard-ignore-file`', async () => {
    const config = await openUnhardenedConfig();
    await replaceIn(config, 'user nginx;', '# rootguard-ignore-file RG205 RG202\nuser nginx;');
    await waitForRules(UNHARDENED.config, ['RG201', 'RG203']);
  });

  it('hides a Dockerfile finding under `# rootguard-ignore`', async () => {
    const { document } = await show(UNHARDENED.dockerfile);
    await waitForRules(UNHARDENED.dockerfile, ['RG101', 'RG104']);
    await insertLineBefore(document, 'EXPOSE 80', '# rootguard-ignore RG104');
    await waitForRules(UNHARDENED.dockerfile, ['RG101']);
  });

  it('turns a rule off and changes its severity as rootguard.severity changes', async () => {
    await openUnhardenedConfig();
    await setSeverity({ RG205: 'off' });
    await waitForRules(UNHARDENED.config, ['RG201', 'RG202', 'RG203']);

    await setSeverity({ RG205: 'error', RG201: 'hint' });
    await waitForRules(UNHARDENED.config, CONFIG_RULES);
    await eventually('RG205 as an error and RG201 as a hint', () =>
      severityOf('RG205') === Severity.Error && severityOf('RG201') === Severity.Hint || undefined,
    severities);
    assert.equal(severityOf('RG202'), Severity.Warning);

    await setSeverity(undefined);
    await eventually('RG205 back to a warning', () =>
      severityOf('RG205') === Severity.Warning || undefined, severities);
  });
});
