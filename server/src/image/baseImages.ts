/**
 * What Rootguard knows about base images, as data in one place: which run as non-root, which
 * distro family their package tools come from, the users they ship, and where their nginx was
 * compiled to write. Rules and fixes read these facts; none of them hard-codes an image.
 */
export type DistroFamily = 'alpine' | 'debian' | 'rhel' | 'none';

export interface NginxLayout {
  /** nginx's --prefix: relative paths in the config are taken from here. */
  prefix: string;
  pid: string;
  temp: Record<TempDirective, string>;
  errorLog: string;
  accessLog: string;
  /** Files and folders the image's own build made writable for its nginx user. */
  writable: string[];
  /** Log files the image links to /dev/stdout or /dev/stderr: anyone can write them. */
  streamLinks: string[];
  /** Files the package owner gives to a user (Debian's nginx-common: logs to www-data). */
  owned?: { path: string; owner: string }[];
}

export type TempDirective =
  | 'client_body_temp_path'
  | 'proxy_temp_path'
  | 'fastcgi_temp_path'
  | 'uwsgi_temp_path'
  | 'scgi_temp_path';

export const TEMP_DIRECTIVES: TempDirective[] = [
  'client_body_temp_path', 'proxy_temp_path', 'fastcgi_temp_path', 'uwsgi_temp_path',
  'scgi_temp_path',
];

export interface KnownUser {
  name: string;
  uid: number;
  gid: number;
  group: string;
}

export interface BaseImageFacts {
  /** Shown in messages, e.g. "the official nginx image". */
  description: string;
  distro: DistroFamily;
  /** The user the image runs as when the Dockerfile sets none; root when absent. */
  defaultUser?: string;
  users: KnownUser[];
  nginx?: NginxLayout;
  /**
   * The image ships its own main nginx.conf with the compiled-in paths (the official and
   * unprivileged nginx images): with only fragments copied in, that one is what runs.
   */
  shipsNginxConf?: boolean;
}

const NGINX_USER: KnownUser = { name: 'nginx', uid: 101, gid: 101, group: 'nginx' };
const NOBODY: KnownUser = { name: 'nobody', uid: 65534, gid: 65534, group: 'nogroup' };
const WWW_DATA: KnownUser = { name: 'www-data', uid: 33, gid: 33, group: 'www-data' };

/** The official image's build: paths under /var/cache/nginx, logs linked to stdout/stderr. */
const OFFICIAL_NGINX: NginxLayout = {
  prefix: '/etc/nginx',
  pid: '/var/run/nginx.pid',
  temp: {
    client_body_temp_path: '/var/cache/nginx/client_temp',
    proxy_temp_path: '/var/cache/nginx/proxy_temp',
    fastcgi_temp_path: '/var/cache/nginx/fastcgi_temp',
    uwsgi_temp_path: '/var/cache/nginx/uwsgi_temp',
    scgi_temp_path: '/var/cache/nginx/scgi_temp',
  },
  errorLog: '/var/log/nginx/error.log',
  accessLog: '/var/log/nginx/access.log',
  writable: [],
  streamLinks: ['/var/log/nginx/error.log', '/var/log/nginx/access.log'],
};

/** nginx-unprivileged moves the pid file and temp paths to /tmp so any user can run it. */
const UNPRIVILEGED_NGINX: NginxLayout = {
  ...OFFICIAL_NGINX,
  pid: '/tmp/nginx.pid',
  temp: {
    client_body_temp_path: '/tmp/client_temp',
    proxy_temp_path: '/tmp/proxy_temp',
    fastcgi_temp_path: '/tmp/fastcgi_temp',
    uwsgi_temp_path: '/tmp/uwsgi_temp',
    scgi_temp_path: '/tmp/scgi_temp',
  },
  writable: ['/var/cache/nginx', '/etc/nginx/conf.d'],
};

/** Debian's and Ubuntu's nginx package. */
const DEBIAN_NGINX: NginxLayout = {
  prefix: '/usr/share/nginx',
  pid: '/run/nginx.pid',
  temp: {
    client_body_temp_path: '/var/lib/nginx/body',
    proxy_temp_path: '/var/lib/nginx/proxy',
    fastcgi_temp_path: '/var/lib/nginx/fastcgi',
    uwsgi_temp_path: '/var/lib/nginx/uwsgi',
    scgi_temp_path: '/var/lib/nginx/scgi',
  },
  errorLog: '/var/log/nginx/error.log',
  accessLog: '/var/log/nginx/access.log',
  writable: [],
  streamLinks: [],
  // nginx-common's postinst creates both logs as www-data:adm 0640.
  owned: [
    { path: '/var/log/nginx/access.log', owner: 'www-data' },
    { path: '/var/log/nginx/error.log', owner: 'www-data' },
  ],
};

/** The layout assumed for a config with no Dockerfile, and for bases Rootguard does not know. */
export const STOCK_NGINX = OFFICIAL_NGINX;

interface BaseImageEntry {
  /** Matched against the repository path without registry and tag, e.g. `library/nginx`. */
  repository: RegExp;
  tag?: RegExp;
  facts: (tag: string) => BaseImageFacts;
}

const distroOf = (tag: string, fallback: DistroFamily): DistroFamily =>
  /alpine/.test(tag) ? 'alpine' : fallback;

const ENTRIES: BaseImageEntry[] = [
  {
    repository: /^(nginxinc|nginx)\/nginx-unprivileged$/,
    facts: (tag) => ({
      description: 'the nginx-unprivileged image', distro: distroOf(tag, 'debian'),
      defaultUser: '101', users: [NGINX_USER], nginx: UNPRIVILEGED_NGINX,
      shipsNginxConf: true,
    }),
  },
  {
    repository: /^library\/nginx$/,
    facts: (tag) => ({
      description: 'the official nginx image', distro: distroOf(tag, 'debian'),
      users: [NGINX_USER], nginx: OFFICIAL_NGINX, shipsNginxConf: true,
    }),
  },
  {
    repository: /^bitnami\//,
    facts: () => ({ description: 'a Bitnami image', distro: 'debian', defaultUser: '1001',
      users: [] }),
  },
  {
    repository: /^distroless\//,
    tag: /(^|-)nonroot$/,
    facts: () => ({ description: 'a distroless nonroot image', distro: 'none',
      defaultUser: '65532', users: [{ name: 'nonroot', uid: 65532, gid: 65532,
        group: 'nonroot' }] }),
  },
  {
    repository: /^chainguard\//,
    tag: /^(?!.*-dev$)/,
    facts: () => ({ description: 'a Chainguard image', distro: 'none', defaultUser: '65532',
      users: [{ name: 'nonroot', uid: 65532, gid: 65532, group: 'nonroot' }] }),
  },
  {
    repository: /^library\/(debian|ubuntu)$/,
    facts: () => ({ description: 'a Debian-family image', distro: 'debian',
      users: [NOBODY, WWW_DATA], nginx: DEBIAN_NGINX }),
  },
  {
    repository: /^library\/alpine$/,
    facts: () => ({ description: 'an Alpine image', distro: 'alpine', users: [NOBODY],
      nginx: OFFICIAL_NGINX }),
  },
];

export interface ImageReference {
  registry: string;
  repository: string;
  tag: string;
}

/** Splits `registry/path:tag@digest` the way docker does, defaulting to Docker Hub. */
export function parseImageReference(ref: string): ImageReference {
  const withoutDigest = ref.split('@')[0];
  const slash = withoutDigest.indexOf('/');
  const first = slash < 0 ? '' : withoutDigest.slice(0, slash);
  const hasRegistry = slash >= 0 && (/[.:]/.test(first) || first === 'localhost');
  const registry = hasRegistry ? first : 'docker.io';
  let path = hasRegistry ? withoutDigest.slice(slash + 1) : withoutDigest;
  const colon = path.lastIndexOf(':');
  const tag = colon > path.lastIndexOf('/') ? path.slice(colon + 1) : 'latest';
  if (colon > path.lastIndexOf('/')) path = path.slice(0, colon);
  const repository = registry === 'docker.io' && !path.includes('/') ? `library/${path}` : path;
  return { registry, repository, tag };
}

/**
 * Facts for a FROM reference. Images the user's settings list as non-root keep what else is
 * known of them but run as a non-root default user.
 */
export function baseImageFacts(ref: string, extraNonRoot: string[] = []): BaseImageFacts {
  const { repository, tag } = parseImageReference(ref.toLowerCase());
  const entry = ENTRIES.find((e) => e.repository.test(repository) && (!e.tag || e.tag.test(tag)));
  const facts: BaseImageFacts = entry?.facts(tag) ?? {
    description: `the base image ${ref}`,
    distro: guessDistro(`${repository}:${tag}`),
    users: [],
  };
  if (facts.defaultUser === undefined && extraNonRoot.some((p) => matchesPattern(ref, p))) {
    return { ...facts, description: `${ref}, listed as non-root in your settings`,
      defaultUser: NON_ROOT_UNKNOWN };
  }
  return facts;
}

/** The default user of a base the settings call non-root, when its name is not known. */
export const NON_ROOT_UNKNOWN = '(non-root user of the base image)';

function guessDistro(ref: string): DistroFamily {
  if (/alpine/.test(ref)) return 'alpine';
  if (/distroless|scratch|chainguard|busybox/.test(ref)) return 'none';
  if (/fedora|centos|rhel|ubi\d*|rocky|alma|amazonlinux|oraclelinux/.test(ref)) return 'rhel';
  return 'debian';
}

/** A setting's pattern: `*` matches any run of characters, the rest is literal. */
export function matchesPattern(ref: string, pattern: string): boolean {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  const re = new RegExp(`^${escaped}$`, 'i');
  // The same image has several spellings: `nginx`, `library/nginx:latest`,
  // `docker.io/library/nginx:latest`; a pattern matches any of them.
  const { registry, repository, tag } = parseImageReference(ref.toLowerCase());
  const short = repository.replace(/^library\//, '');
  const spellings = [ref.toLowerCase(), `${registry}/${repository}:${tag}`,
    `${registry}/${repository}`, `${repository}:${tag}`, repository, `${short}:${tag}`, short];
  return spellings.some((spelling) => re.test(spelling));
}
