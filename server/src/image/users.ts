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
  private readonly users: KnownUser[] = [];
  private readonly groups = new Map<string, number | undefined>();
  // Where the first user of each name and of each uid is in `users`: lookups by map, since a
  // scan per lookup grew with the square of the users a long Dockerfile creates.
  private readonly firstByName = new Map<string, number>();
  private readonly firstByUid = new Map<number, number>();
  /** The highest uid in 1000-59999 so far: where useradd without -u continues. */
  private highestRegularUid: number | undefined;

  constructor(base: KnownUser[]) {
    for (const u of [{ name: 'root', uid: 0, gid: 0, group: 'root' }, ...base]) {
      this.push(u);
      this.groups.set(u.group, u.gid);
    }
  }

  addUser(user: Partial<KnownUser> & { name: string }): void {
    const uid = user.uid ?? this.nextId();
    const group = user.group ?? user.name;
    const gid = user.gid ?? this.groups.get(group) ?? uid;
    this.groups.set(group, gid);
    this.push({ name: user.name, uid, gid, group });
  }

  private push(user: KnownUser): void {
    const index = this.users.push(user) - 1;
    if (!this.firstByName.has(user.name)) this.firstByName.set(user.name, index);
    if (!this.firstByUid.has(user.uid)) this.firstByUid.set(user.uid, index);
    if (user.uid >= 1000 && user.uid < 60000) {
      this.highestRegularUid = Math.max(this.highestRegularUid ?? user.uid, user.uid);
    }
  }

  addGroup(name: string, gid: number | undefined): void {
    if (!this.groups.has(name)) this.groups.set(name, gid);
  }

  /** Finds a user by name or uid. */
  find(nameOrUid: string): KnownUser | undefined {
    const uid = /^\d+$/.test(nameOrUid) ? Number(nameOrUid) : undefined;
    const byName = this.firstByName.get(nameOrUid);
    const byUid = uid === undefined ? undefined : this.firstByUid.get(uid);
    // The earlier of the two, as a scan for either would find.
    const index = byName === undefined ? byUid
      : byUid === undefined ? byName : Math.min(byName, byUid);
    return index === undefined ? undefined : this.users[index];
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
    return this.highestRegularUid === undefined ? 1000 : this.highestRegularUid + 1;
  }
}
