import * as fs from 'node:fs';

/** The package-manager family of the machine podman runs on, for install and fix hints. */
export type HostFamily = 'debian' | 'rhel' | 'suse' | 'arch' | 'alpine' | 'other';

/** Reads /etc/os-release: ID and ID_LIKE name the distribution and what it derives from. */
export function hostFamily(osRelease = readOsRelease()): HostFamily {
  const ids = `${osRelease.ID ?? ''} ${osRelease.ID_LIKE ?? ''}`.toLowerCase().split(/\s+/);
  if (ids.some((id) => ['debian', 'ubuntu'].includes(id))) return 'debian';
  if (ids.some((id) => ['rhel', 'fedora', 'centos'].includes(id))) return 'rhel';
  if (ids.some((id) => id.includes('suse'))) return 'suse';
  if (ids.includes('arch')) return 'arch';
  if (ids.includes('alpine')) return 'alpine';
  return 'other';
}

export function readOsRelease(file = '/etc/os-release'): Record<string, string> {
  let text = '';
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return {};
  }
  const fields: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (match) fields[match[1]] = match[2].replace(/^["']|["']$/g, '');
  }
  return fields;
}

/** What provides each rootless helper, per family. */
export type HostPackage = 'podman' | 'uidmap' | 'slirp4netns' | 'fuse-overlayfs';

const PACKAGES: Record<HostFamily, Record<HostPackage, string>> = {
  debian: { 'podman': 'podman', 'uidmap': 'uidmap', 'slirp4netns': 'slirp4netns',
    'fuse-overlayfs': 'fuse-overlayfs' },
  rhel: { 'podman': 'podman', 'uidmap': 'shadow-utils', 'slirp4netns': 'slirp4netns',
    'fuse-overlayfs': 'fuse-overlayfs' },
  suse: { 'podman': 'podman', 'uidmap': 'shadow', 'slirp4netns': 'slirp4netns',
    'fuse-overlayfs': 'fuse-overlayfs' },
  arch: { 'podman': 'podman', 'uidmap': 'shadow', 'slirp4netns': 'slirp4netns',
    'fuse-overlayfs': 'fuse-overlayfs' },
  alpine: { 'podman': 'podman', 'uidmap': 'shadow-uidmap', 'slirp4netns': 'slirp4netns',
    'fuse-overlayfs': 'fuse-overlayfs' },
  other: { 'podman': 'podman', 'uidmap': 'newuidmap/newgidmap (often "uidmap" or ' +
    '"shadow-utils")', 'slirp4netns': 'slirp4netns', 'fuse-overlayfs': 'fuse-overlayfs' },
};

const INSTALL: Record<HostFamily, string> = {
  debian: 'sudo apt-get install -y',
  rhel: 'sudo dnf install -y',
  suse: 'sudo zypper install -y',
  arch: 'sudo pacman -S --needed',
  alpine: 'sudo apk add',
  other: 'install with your package manager:',
};

/** The command that installs packages on this family, e.g. `sudo apt-get install -y uidmap`. */
export function installHint(family: HostFamily, packages: HostPackage[]): string {
  const names = [...new Set(packages.map((p) => PACKAGES[family][p]))];
  return `${INSTALL[family]} ${names.join(' ')}`;
}
