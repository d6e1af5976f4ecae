// A throwaway VS Code profile per run: nothing from the developer's own setup leaks in, and
// nothing a test does survives it.

import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onCleanup } from './cleanup';
import { REPO_ROOT } from './options';

export const FIXTURE = join(REPO_ROOT, 'test', 'vscode', 'workspace-fixture');
/** The suite's subjects: copied into the fixture's workspace at each run, so never stale. */
export const EXAMPLES = join(REPO_ROOT, 'examples');

export interface Profile {
  root: string;
  userData: string;
  extensions: string;
  xdgConfig: string;
  xdgData: string;
  xdgCache: string;
  workspace: string;
  /** VS Code's workspace trust is on, and the folder opens untrusted (restricted mode). */
  untrusted: boolean;
}

// What gets in the way of an unattended run: welcome pages, the chat side bar, network calls
// (telemetry, update and marketplace checks) and the workspace trust prompt.
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'npm.fetchOnlinePackageInfo': false,
  'typescript.disableAutomaticTypeAcquisition': true,
};

/**
 * Trust on, the folder untrusted, and nothing asking: VS Code opens it in restricted mode, as
 * it would a repository the user did not trust.
 */
const UNTRUSTED_SETTINGS = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'never',
};

export async function createProfile(workspace: string | undefined,
  untrusted = false): Promise<Profile> {
  // realpath: VS Code reports the workspace folder by its real path; tests compare against it.
  const root = await realpath(await mkdtemp(join(tmpdir(), 'rootguard-vscode-')));
  onCleanup(() => rm(root, { recursive: true, force: true }));
  const profile: Profile = {
    root,
    userData: join(root, 'user-data'),
    extensions: join(root, 'extensions'),
    xdgConfig: join(root, 'xdg-config'),
    xdgData: join(root, 'xdg-data'),
    xdgCache: join(root, 'xdg-cache'),
    workspace: workspace === undefined ? join(root, 'workspace') : await realpath(workspace),
    untrusted,
  };
  const { userData, extensions, xdgConfig, xdgData, xdgCache } = profile;
  for (const dir of [join(userData, 'User'), extensions, xdgConfig, xdgData, xdgCache]) {
    await mkdir(dir, { recursive: true });
  }
  await writeFile(
    join(profile.userData, 'User', 'settings.json'),
    `${JSON.stringify({ ...USER_SETTINGS, ...(untrusted ? UNTRUSTED_SETTINGS : {}) },
      null, 2)}\n`,
  );
  if (workspace === undefined) {
    // A copy, so tests may edit files without touching the repository.
    if (existsSync(FIXTURE)) {
      await cp(FIXTURE, profile.workspace, { recursive: true });
      await cp(EXAMPLES, join(profile.workspace, 'examples'), { recursive: true });
    } else {
      await mkdir(profile.workspace);
    }
  }
  return profile;
}
