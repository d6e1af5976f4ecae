// Adds the image-signing contributions (views, commands, menus, settings, dependencies) to
// package.json. Other features edit package.json too, so this re-reads it right before writing
// and only replaces entries it owns (by id); run it again after changing the lists below.
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';

const FILE = new URL('../package.json', import.meta.url);
const KEY_ITEM = 'view == rootguard.keys && viewItem =~ /^rootguard\\.key/';
const IMAGE_ITEM = 'view == rootguard.images && viewItem == rootguard.image';

const commands = [
  ['generateKey', 'Generate Key', '$(add)'],
  ['importKey', 'Import Key', '$(cloud-download)'],
  ['exportPublicKey', 'Export Public Key'],
  ['copyFingerprint', 'Copy Fingerprint', '$(copy)'],
  ['useAsSigningKey', 'Use as Signing Key'],
  ['trustKey', 'Trust Key for Registry', '$(shield)'],
  ['signAndPush', 'Sign and Push Image', '$(cloud-upload)'],
  ['verifyImage', 'Verify Image Signature', '$(verified)'],
  ['report', 'Signing Report', '$(report)'],
  ['refreshKeys', 'Refresh Keys', '$(refresh)'],
  ['refreshImages', 'Refresh Images', '$(refresh)'],
  ['showSignatureDetails', 'Show Signature Details', '$(info)'],
].map(([id, title, icon]) => ({ command: `rootguard.signing.${id}`, title,
  category: 'Rootguard', ...(icon ? { icon } : {}) }));

const menus = {
  'view/title': [
    ['generateKey', 'view == rootguard.keys', 'navigation@1'],
    ['refreshKeys', 'view == rootguard.keys', 'navigation@2'],
    ['importKey', 'view == rootguard.keys', '1_keys@1'],
    ['report', 'view == rootguard.keys', '1_keys@2'],
    ['verifyImage', 'view == rootguard.images', 'navigation@1'],
    ['refreshImages', 'view == rootguard.images', 'navigation@2'],
    ['signAndPush', 'view == rootguard.images', '1_images@1'],
  ],
  'view/item/context': [
    ['copyFingerprint', KEY_ITEM, 'inline'],
    ['copyFingerprint', KEY_ITEM, '1_key@1'],
    ['exportPublicKey', KEY_ITEM, '1_key@2'],
    ['trustKey', KEY_ITEM, '1_key@3'],
    ['useAsSigningKey', 'view == rootguard.keys && viewItem == rootguard.key.secret', '1_key@4'],
    ['showSignatureDetails', IMAGE_ITEM, 'inline'],
    ['verifyImage', IMAGE_ITEM, '1_image@1'],
    ['signAndPush', IMAGE_ITEM, '1_image@2'],
  ],
  commandPalette: [
    ['showSignatureDetails', 'false'],
    ['refreshKeys', 'false'],
    ['refreshImages', 'false'],
  ],
};

const untrusted = 'Rootguard runs no gpg or podman in an untrusted workspace, so that a ' +
  'repository cannot make it run programs.\n' +
  '[Manage Workspace Trust](command:workbench.trust.manage)';
const viewsWelcome = [
  ['rootguard.keys', 'rootguard.signing.keysState == untrusted', untrusted],
  ['rootguard.keys', 'rootguard.signing.keysState == gpgMissing', 'gpg (GnuPG) was not found. ' +
    'Install it (Debian/Ubuntu: apt-get install gnupg) or set its path.\n' +
    '[Open Settings](command:workbench.action.openSettings?%22rootguard.signing%22)'],
  ['rootguard.keys', 'rootguard.signing.keysState == noKeys', 'No GPG keys yet. A key lets ' +
    'you sign images when you push them.\n[Generate Key](command:rootguard.signing.generateKey)' +
    '\n[Import Key](command:rootguard.signing.importKey)'],
  ['rootguard.keys', 'rootguard.signing.keysState == error', 'The GPG keyring could not be ' +
    'read.\n[Show Log](command:rootguard.showOutput)'],
  ['rootguard.images', 'rootguard.signing.imagesState == untrusted', untrusted],
  ['rootguard.images', 'rootguard.signing.imagesState == podmanMissing', 'podman was not ' +
    'found. Install it (apt-get install podman) to list and push images.\n' +
    '[Verify an Image Signature](command:rootguard.signing.verifyImage)'],
  ['rootguard.images', 'rootguard.signing.imagesState == noImages', 'podman has no local ' +
    'images. Build one (podman build), then refresh.\n' +
    '[Refresh](command:rootguard.signing.refreshImages)\n' +
    '[Verify an Image Signature](command:rootguard.signing.verifyImage)'],
  ['rootguard.images', 'rootguard.signing.imagesState == error', 'podman could not list ' +
    'images.\n[Show Log](command:rootguard.showOutput)'],
].map(([view, when, contents]) => ({ view, contents, when }));

const settings = {
  'rootguard.signing.gpgPath': { type: 'string', default: 'gpg', scope: 'machine',
    markdownDescription: 'The `gpg` executable (GnuPG 2.1 or later).' },
  'rootguard.signing.gnupgHome': { type: 'string', default: '', scope: 'machine',
    markdownDescription: 'The GnuPG home folder; empty: `GNUPGHOME`, else `~/.gnupg`.' },
  'rootguard.signing.skopeoPath': { type: 'string', default: 'skopeo', scope: 'machine',
    markdownDescription: 'The `skopeo` executable, used to read manifest digests from ' +
      'registries (with podman\'s logins).' },
  'rootguard.signing.trustedKeys': { type: 'array', items: { type: 'string' }, default: [],
    scope: 'machine', markdownDescription: 'Public key files trusted for every image, in ' +
      'addition to the `signedBy` entries of policy.json.' },
  'rootguard.signing.signingKey': { type: 'string', default: '', scope: 'machine',
    markdownDescription: 'Fingerprint of the key **Sign and Push Image** signs with.' },
};

const devDependencies = { openpgp: '^6.3.2', yaml: '^2.9.1', 'jsonc-parser': '^3.3.1' };
const activationEvents = ['workspaceContains:**/registries.d/*.yaml',
  'workspaceContains:**/containers/policy.json'];

function upsert(list, entries, key) {
  const ours = new Set(entries.map(key));
  return [...(list ?? []).filter((entry) => !ours.has(key(entry))), ...entries];
}

function contribute(pkg) {
  const c = (pkg.contributes ??= {});
  c.viewsContainers ??= {};
  c.viewsContainers.activitybar = upsert(c.viewsContainers.activitybar,
    [{ id: 'rootguard', title: 'Rootguard', icon: 'images/signing.svg' }], (e) => e.id);
  c.views ??= {};
  c.views.rootguard = upsert(c.views.rootguard, [
    { id: 'rootguard.keys', name: 'Keys', contextualTitle: 'Rootguard' },
    { id: 'rootguard.images', name: 'Images', contextualTitle: 'Rootguard' },
  ], (e) => e.id);
  c.viewsWelcome = upsert(c.viewsWelcome, viewsWelcome, (e) => `${e.view} ${e.when}`);
  c.commands = upsert(c.commands, commands, (e) => e.command);
  c.menus ??= {};
  for (const [menu, items] of Object.entries(menus)) {
    const entries = items.map(([id, when, group]) => ({ command: `rootguard.signing.${id}`,
      when, ...(group ? { group } : {}) }));
    c.menus[menu] = upsert(c.menus[menu], entries, (e) => `${e.command} ${e.group ?? ''}`);
  }
  c.configuration ??= { title: 'Rootguard', properties: {} };
  Object.assign(c.configuration.properties, settings);
  pkg.activationEvents = [...new Set([...(pkg.activationEvents ?? []), ...activationEvents])];
  pkg.devDependencies = Object.fromEntries(Object.entries({ ...pkg.devDependencies,
    ...devDependencies }).sort(([a], [b]) => a.localeCompare(b)));
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

// Compute from the current text, then re-read right before writing: if someone changed the
// file meanwhile, start again from their version instead of overwriting it.
for (let attempt = 1; ; attempt++) {
  const before = readFileSync(FILE, 'utf8');
  const after = contribute(JSON.parse(before));
  if (after === before) {
    console.log('package.json: signing contributions already up to date');
    break;
  }
  const temporary = new URL(`../package.json.${process.pid}.tmp`, import.meta.url);
  writeFileSync(temporary, after);
  if (readFileSync(FILE, 'utf8') === before) {
    renameSync(temporary, FILE);
    console.log('package.json: signing contributions updated');
    break;
  }
  rmSync(temporary, { force: true });
  if (attempt === 5) throw new Error('package.json keeps changing; try again later');
}
