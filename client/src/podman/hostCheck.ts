import { hostFamily, installHint, type HostFamily } from './distro';
import {
  canReadWrite,
  cgroupVersion,
  currentUser,
  findExecutable,
  helperPrivilege,
  podmanInfo,
  subordinateRanges,
  sysctl,
  type PodmanInfo,
  type UserFacts,
} from './hostFacts';
import { ProgramError } from '../system/execute';
import { podmanVersion, type PodmanOptions } from './podman';
import { check, type Check, type Report } from './report';

/** podman's rootless default maps 65536 ids: enough for any image's users (nobody is 65534). */
const MIN_SUBORDINATE_IDS = 65536;

/**
 * Whether this machine, for the current user, is ready to run containers rootless: a regular
 * user with subordinate id ranges, user namespaces on, the id-mapping helpers privileged,
 * podman recent enough, a network helper, overlay storage, and what cgroups and the port
 * floor mean for containers. Failures carry the fix for this distribution family.
 */
export async function checkHost(podman: PodmanOptions): Promise<Report> {
  const family = hostFamily();
  const user = await currentUser();
  const info = await podmanInfo(podman);
  return {
    checks: [
      userCheck(user),
      subordinateCheck('/etc/subuid', 'uids', user),
      subordinateCheck('/etc/subgid', 'gids', user),
      userNamespacesCheck(),
      await mapperCheck('newuidmap', family),
      await mapperCheck('newgidmap', family),
      await versionCheck(podman),
      networkCheck(family),
      tunCheck(),
      storageCheck(info, family),
      cgroupCheck(info),
      portFloorCheck(),
    ],
  };
}

function userCheck(user: UserFacts): Check {
  const groups = user.groups.length > 0 ? `, groups ${user.groups.join(' ')}` : '';
  return check('Regular user', user.uid !== 0, `${user.name} (uid ${user.uid}${groups})`,
    'You are root: podman runs rootful here. Check and run as the user who will run the ' +
    'containers.');
}

function subordinateCheck(file: string, what: string, user: UserFacts): Check {
  const ranges = subordinateRanges(file, user);
  const total = ranges.reduce((sum, r) => sum + r.count, 0);
  const shown = ranges.map((r) => `${r.start}–${r.start + r.count - 1}`).join(', ');
  const flag = what === 'uids' ? '--add-subuids' : '--add-subgids';
  return check(`${file} range`, total >= MIN_SUBORDINATE_IDS,
    ranges.length === 0 ? `no ${what} for ${user.name}`
      : `${total} ${what} (${shown})${total < MIN_SUBORDINATE_IDS ? `, fewer than ` +
        `${MIN_SUBORDINATE_IDS}` : ''}`,
    user.uid === 0 ? 'root runs podman rootful and needs no ranges: check as the regular user ' +
      'who runs the containers.'
      : `sudo usermod ${flag} 100000-165535 ${user.name}   (pick a range no other user has), ` +
        'then podman system migrate');
}

function userNamespacesCheck(): Check {
  const max = sysctl('user/max_user_namespaces');
  const clone = sysctl('kernel/unprivileged_userns_clone');
  const ok = (max ?? 0) > 0 && clone !== 0;
  const detail = `user.max_user_namespaces = ${max ?? 'unknown'}` +
    (clone === undefined ? '' : `, kernel.unprivileged_userns_clone = ${clone}`);
  const hint = clone === 0 ? 'sudo sysctl -w kernel.unprivileged_userns_clone=1 (and set it in ' +
    '/etc/sysctl.d/ to keep it)' : 'sudo sysctl -w user.max_user_namespaces=28633 (and set it ' +
    'in /etc/sysctl.d/ to keep it)';
  return check('User namespaces enabled', ok, detail, hint);
}

async function mapperCheck(name: 'newuidmap' | 'newgidmap', family: HostFamily):
  Promise<Check> {
  const title = `${name} present and privileged`;
  const file = findExecutable(name);
  if (!file) return check(title, false, 'not found', installHint(family, ['uidmap']));
  const privilege = await helperPrivilege(file);
  return check(title, privilege !== undefined,
    privilege === 'setuid' ? `${file}, setuid root`
      : privilege === 'capabilities' ? `${file}, with file capabilities`
        : `${file} is neither setuid root nor has capabilities`,
    `sudo chmod u+s ${file}   (or reinstall: ${installHint(family, ['uidmap'])})`);
}

async function versionCheck(podman: PodmanOptions): Promise<Check> {
  try {
    return check('podman version', true, `podman ${await podmanVersion(podman)}`);
  } catch (error) {
    const problem = error instanceof ProgramError ? error : new ProgramError(String(error));
    return check('podman version', false, problem.message, problem.hint);
  }
}

function networkCheck(family: HostFamily): Check {
  const helper = findExecutable('pasta') ?? findExecutable('slirp4netns');
  return check('Rootless network helper (pasta or slirp4netns)', helper !== undefined,
    helper ?? 'neither pasta nor slirp4netns found', installHint(family, ['slirp4netns']));
}

function tunCheck(): Check {
  const ok = canReadWrite('/dev/net/tun');
  return check('/dev/net/tun usable (port publishing)', ok,
    ok ? 'readable and writable' : 'missing, or not readable and writable by this user',
    'The network helper opens /dev/net/tun: load the tun module (sudo modprobe tun) and ' +
    'make the device 0666.');
}

function storageCheck(info: PodmanInfo | undefined, family: HostFamily): Check {
  const fuse = findExecutable('fuse-overlayfs');
  const name = 'Overlay storage (native or fuse-overlayfs)';
  if (!info) {
    return check(name, fuse !== undefined, fuse ? `${fuse} (podman info did not answer)`
      : 'podman info did not answer and fuse-overlayfs is not installed',
    installHint(family, ['fuse-overlayfs']));
  }
  const how = info.mountProgram ? `via ${info.mountProgram}`
    : info.nativeOverlay ? 'native' : 'kernel overlay';
  return check(name, info.graphDriver === 'overlay',
    info.graphDriver === 'overlay' ? `overlay, ${how}`
      : `${info.graphDriver || 'unknown'} driver: every layer is a full copy, slow and large`,
    'Set driver = "overlay" under [storage] in ~/.config/containers/storage.conf, then ' +
    `podman system reset (deletes local images); ${installHint(family, ['fuse-overlayfs'])} ` +
    'for kernels without rootless overlay.');
}

function cgroupCheck(info: PodmanInfo | undefined): Check {
  const fromFiles = cgroupVersion();
  const version = info?.cgroupVersion || fromFiles;
  const v2 = version.startsWith('v2');
  // Rootless containers run on v1 too; only resource limits need v2, so this is not a failure.
  return check('cgroup version', true, v2 ? `${version}: rootless resource limits work`
    : `${fromFiles}: containers run, but rootless --memory/--cpus limits need cgroup v2 ` +
      '(systemd.unified_cgroup_hierarchy=1)');
}

function portFloorCheck(): Check {
  const start = sysctl('net/ipv4/ip_unprivileged_port_start');
  return check('Unprivileged port floor', start !== undefined,
    start === undefined ? 'net.ipv4.ip_unprivileged_port_start unknown'
      : `net.ipv4.ip_unprivileged_port_start = ${start}: rootless containers publish host ` +
        `ports from ${start} up; Run Hardened maps ports below 1024 to port + 8000`,
    'This kernel has no net.ipv4.ip_unprivileged_port_start; publish ports from 1024 up.');
}
