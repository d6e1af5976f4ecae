import * as path from 'node:path/posix';
import { minimatch } from 'minimatch';
import type { Span } from '../core/span';
import type { PathChange } from './pathChanges';
import type { UserTable } from './users';

/** Writable by anyone in every Linux image: scratch space and the output devices. */
const ALWAYS_WRITABLE = ['/tmp', '/var/tmp', '/dev/shm'];
const ALWAYS_WRITABLE_FILES = /^\/dev\/(stdout|stderr|null)$|^\/proc\/self\/fd\/[12]$/;

export interface RuntimeIdentity {
  user: string;
  group: string | undefined;
  isRoot: boolean;
}

export interface WriteVerdict {
  writable: boolean;
  /** The build step that made it writable, for messages and to clear a finding. */
  because?: Span;
}

/**
 * Who may write what in the final image. It starts from the base image's stock ownership
 * (root-owned, so nothing outside the scratch folders is writable by another user) and applies
 * the Dockerfile's changes in build order.
 */
export class WritableModel {
  constructor(
    private readonly changes: PathChange[],
    private readonly users: UserTable,
  ) {}

  /**
   * A path nginx writes (a pid file, a log, a temp folder) is usable when the path itself is
   * writable, or its folder is, so nginx can create it.
   */
  canWrite(target: string, who: RuntimeIdentity): WriteVerdict {
    if (who.isRoot) return { writable: true };
    const normal = path.normalize(target);
    const self = this.verdict(normal, who);
    if (self.writable) return self;
    return this.verdict(path.dirname(normal), who);
  }

  private verdict(target: string, who: RuntimeIdentity): WriteVerdict {
    if (ALWAYS_WRITABLE_FILES.test(target)) return { writable: true };
    if (ALWAYS_WRITABLE.some((dir) => target === dir || target.startsWith(`${dir}/`))) {
      return { writable: true };
    }

    let owner = 'root';
    let group = 'root';
    let mode = { owner: true, group: false, other: false };
    let device = false;
    let last: Span | undefined;
    for (const change of this.changes) {
      if (!applies(change, target)) continue;
      owner = change.owner ?? owner;
      group = change.group ?? group;
      mode = { ...mode, ...definedOnly(change.mode) };
      device = device || change.device === true;
      last = change.span;
    }

    const writable = device ||
      (mode.owner && this.users.sameUser(owner, who.user)) ||
      mode.other ||
      (mode.group && this.inGroup(group, who));
    return { writable, because: writable ? last : undefined };
  }

  private inGroup(group: string, who: RuntimeIdentity): boolean {
    if (who.group !== undefined && this.users.sameGroup(group, who.group)) return true;
    const user = this.users.find(who.user);
    if (user) return this.users.sameGroup(group, user.group);
    // A numeric uid with no passwd entry runs with gid 0 under docker and podman, which is
    // what the `chgrp 0 && chmod g+w` pattern of OpenShift-style images relies on.
    return who.group === undefined && /^\d+$/.test(who.user) && this.users.sameGroup(group, '0');
  }
}

function applies(change: PathChange, target: string): boolean {
  const changed = change.path.length > 1 ? change.path.replace(/\/+$/, '') : change.path;
  if (/[*?[]/.test(changed)) {
    return minimatch(target, changed) || (change.recursive && isUnderGlob(target, changed));
  }
  const normal = path.normalize(changed);
  return target === normal || (change.recursive && target.startsWith(`${normal}/`));
}

function isUnderGlob(target: string, glob: string): boolean {
  let dir = path.dirname(target);
  while (dir !== '/' && dir !== '.') {
    if (minimatch(dir, glob)) return true;
    dir = path.dirname(dir);
  }
  return false;
}

function definedOnly(mode: PathChange['mode']): Partial<Record<'owner' | 'group' | 'other',
  boolean>> {
  if (!mode) return {};
  return Object.fromEntries(Object.entries(mode).filter(([, v]) => v !== undefined));
}
