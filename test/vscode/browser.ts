// Drives the code-server workbench in headless Chromium. The workbench, started with the
// smoke-test driver, runs the `payload` URL parameter's extensionTestsPath and reports back
// through two window functions that we provide: codeAutomationLog (the log of the workbench,
// extension host included) and codeAutomationExit (the extension host's exit code, plus the
// contents of its log folder).

import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, normalize, sep } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { onCleanup } from './cleanup';
import { parseScreenshotRequest } from './result';

export type Outcome =
  | { kind: 'exit'; code: number }
  | { kind: 'timeout' }
  | { kind: 'crash'; reason: string };

export interface WorkbenchRun {
  chromium: string;
  url: string;
  timeoutMs: number;
  artifacts: string;
  /** A temp folder for Chromium's config and cache (crash database), instead of ~/.config. */
  browserHome: string;
  /** Settles when code-server exits: the run cannot finish after that. */
  serverExited: Promise<unknown>;
  onHostLog: (level: string, message: string) => void;
}

const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Containers often have a 64 MB /dev/shm, too small for Chromium's renderer.
  '--disable-dev-shm-usage',
];

interface LogFile {
  relativePath: string;
  contents: string;
}

function isLogFile(value: unknown): value is LogFile {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const { relativePath, contents } = value as Record<string, unknown>;
  return typeof relativePath === 'string' && typeof contents === 'string';
}

/** Saves the log folder that VS Code hands to codeAutomationExit. */
async function saveHostLogs(logs: unknown, folder: string): Promise<void> {
  if (!Array.isArray(logs)) {
    return;
  }
  for (const log of logs.filter(isLogFile)) {
    const target = normalize(join(folder, log.relativePath));
    if (!target.startsWith(folder + sep)) {
      continue; // A path escaping the folder is not a log file we want to write.
    }
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, log.contents);
  }
}

async function screenshot(page: Page, file: string): Promise<void> {
  try {
    await page.screenshot({ path: file, timeout: 15_000 });
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    console.error(`launcher: screenshot failed: ${reason}`);
  }
}

export async function runWorkbench(run: WorkbenchRun): Promise<Outcome> {
  const browser = await chromium.launch({
    executablePath: run.chromium,
    headless: true,
    args: CHROMIUM_FLAGS,
    env: {
      ...process.env,
      XDG_CONFIG_HOME: join(run.browserHome, 'config'),
      XDG_CACHE_HOME: join(run.browserHome, 'cache'),
    },
  });
  const unregister = onCleanup(() => browser.close());
  const browserLog = createWriteStream(join(run.artifacts, 'browser.log'));
  let timer: NodeJS.Timeout | undefined;
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('console', (msg) => browserLog.write(`[${msg.type()}] ${msg.text()}\n`));
    page.on('pageerror', (err) => browserLog.write(`[pageerror] ${err.message}\n`));

    let finish!: (outcome: Outcome) => void;
    const finished = new Promise<Outcome>((resolve) => (finish = resolve));
    await page.exposeFunction('codeAutomationLog', async (level: unknown, message: unknown) => {
      const text = typeof message === 'string' ? message : String(message);
      run.onHostLog(String(level), text);
      const requested = parseScreenshotRequest(text);
      if (requested) await screenshot(page, join(run.artifacts, `${requested}.png`));
    });
    await page.exposeFunction('codeAutomationExit', async (code: unknown, logs: unknown) => {
      await saveHostLogs(logs, join(run.artifacts, 'logs'));
      finish({ kind: 'exit', code: typeof code === 'number' ? code : 1 });
    });
    page.on('crash', () => finish({ kind: 'crash', reason: 'the browser page crashed' }));
    const serverGone = () =>
      finish({ kind: 'crash', reason: 'code-server exited during the run' });
    run.serverExited.then(serverGone, serverGone);
    timer = setTimeout(() => finish({ kind: 'timeout' }), run.timeoutMs);

    await page.goto(run.url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    const outcome = await finished;
    await screenshot(page, join(run.artifacts, 'workbench.png'));
    return outcome;
  } finally {
    clearTimeout(timer);
    browserLog.end();
    unregister();
    await browser.close();
  }
}
