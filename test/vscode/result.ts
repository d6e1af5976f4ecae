// The suite and the launchers share this one-line protocol. VS Code only turns the suite's
// outcome into an exit code (0 or 1), so the counts travel as a tagged console line that the
// extension host forwards (to codeAutomationLog under code-server, to stdout under Electron).

export const RESULT_TAG = 'rootguard-vscode-result';

export interface SuiteResult {
  passed: number;
  failed: number;
  pending: number;
}

export function formatResult(result: SuiteResult): string {
  return `${RESULT_TAG} ${JSON.stringify(result)}`;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/** Finds a result line anywhere in `text` (log forwarding adds prefixes). */
export function parseResult(text: string): SuiteResult | undefined {
  const match = new RegExp(`${RESULT_TAG} (\\{[^}\\n]*\\})`).exec(text);
  if (!match) {
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(match[1]);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) {
    return undefined;
  }
  const { passed, failed, pending } = parsed as Record<string, unknown>;
  if (!isCount(passed) || !isCount(failed) || !isCount(pending)) {
    return undefined;
  }
  return { passed, failed, pending };
}

/**
 * The summary line. Kept exactly `vscode: N passed, N failed` (scripts/test.mjs matches it with
 * an anchored pattern); pending tests, if any, get a line of their own before it.
 */
export function describeResult(result: SuiteResult): string {
  const pending = result.pending > 0 ? `vscode tests pending (skipped): ${result.pending}\n` : '';
  return `${pending}vscode: ${result.passed} passed, ${result.failed} failed`;
}

/**
 * The launcher's exit code: the host's code unless it claims success while the counts disagree
 * (failed tests, or no tests at all, must never pass CI).
 */
export function finalExitCode(hostCode: number, result: SuiteResult | undefined): number {
  if (hostCode !== 0) {
    return hostCode;
  }
  if (!result || result.failed > 0 || result.passed + result.failed === 0) {
    return 1;
  }
  return 0;
}

/**
 * A screenshot the suite asks for while the workbench still shows its state (at exit the
 * extension host is gone, and with it every diagnostic). The launcher saves `<name>.png` in
 * the folder it passes as ROOTGUARD_TEST_ARTIFACTS; the suite waits for that file.
 */
export const SCREENSHOT_TAG = 'rootguard-vscode-screenshot';

export function formatScreenshotRequest(name: string): string {
  return `${SCREENSHOT_TAG} ${name}`;
}

export function parseScreenshotRequest(text: string): string | undefined {
  return new RegExp(`${SCREENSHOT_TAG} ([a-z0-9-]+)`).exec(text)?.[1];
}
