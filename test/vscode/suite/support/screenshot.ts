// Asks the code-server launcher for a screenshot of the workbench as it is now.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { formatScreenshotRequest } from '../../result';
import { eventually } from './poll';

/**
 * Saves `<name>.png` among the run's artifacts and resolves once it is taken. Without a
 * launcher that takes screenshots (Electron), it does nothing.
 */
export async function screenshot(name: string): Promise<void> {
  const artifacts = process.env.ROOTGUARD_TEST_ARTIFACTS;
  if (!artifacts) return;
  const file = join(artifacts, `${name}.png`);
  // Each run starts with an empty artifacts folder: a file there is this run's.
  console.log(formatScreenshotRequest(name));
  await eventually(`the launcher to save ${file}`, () => existsSync(file) || undefined);
}
