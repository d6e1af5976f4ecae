import type { KnownUser } from './baseImages';

/** A USER value split into user and group, as `USER name[:group]` and `chown u:g` write it. */
export interface UserSpec {
  user: string;
  group: string | undefined;
}

export function parseUserSpec(text: string): UserSpec {
  const [user, group] = text.trim().split(':', 2);
  return { user: user ?? '', group: group === undefined || group === '' ? undefined : group };
}

/** Root is uid 0 by any name; a group of 0 alone does not make a process root. */
export function isRootUser(user: string): boolean {
  return user === 'root' || /^0+$/.test(user);
}

/**
 * Users and groups known to exist in the image: those of the base image and those the
 * Dockerfile creates with useradd/adduser/groupadd/addgroup.
 */
export class UserTable {
  private readonly users: KnownUser[];
  private readonly groups = new Map<string, number | undefined>();

  constructor(base: KnownUser[]) {
    this.users = [{ name: 'root', uid: 0, gid: 0, group: 'root' }, ...base];
    for (const u of this.users) this.groups.set(u.group, u.gid);
  }

  addUser(user: Partial<KnownUser> & { name: string }): void {
    const uid = user.uid ?? this.nextId();
    const group = user.group ?? user.name;
    const gid = user.gid ?? this.groups.get(group) ?? uid;
    this.groups.set(group, gid);
    this.users.push({ name: user.name, uid, gid, group });
  }

  addGroup(name: string, gid: number | undefined): void {
    if (!this.groups.has(name)) this.groups.set(name, gid);
  }

  /** Finds a user by name or uid. */
  find(nameOrUid: string): KnownUser | undefined {
    const uid = /^\d+$/.test(nameOrUid) ? Number(nameOrUid) : undefined;
    return this.users.find((u) => u.name === nameOrUid || (uid !== undefined && u.uid === uid));
  }

  /** Non-root users, the base's first and the Dockerfile's newest last: USER fix targets. */
  nonRoot(): KnownUser[] {
    return this.users.filter((u) => u.uid !== 0);
  }

  sameUser(a: string, b: string): boolean {
    if (a === b) return true;
    const ua = this.find(a);
    const ub = this.find(b);
    return ua !== undefined && ub !== undefined && ua.uid === ub.uid;
  }

  sameGroup(a: string, b: string): boolean {
    if (a === b) return true;
    const ga = /^\d+$/.test(a) ? Number(a) : this.groups.get(a);
    const gb = /^\d+$/.test(b) ? Number(b) : this.groups.get(b);
    return ga !== undefined && ga === gb;
  }

  private nextId(): number {
    const taken = this.users.map((u) => u.uid).filter((uid) => uid >= 1000 && uid < 60000);
    return taken.length ? Math.max(...taken) + 1 : 1000;
  }
}
