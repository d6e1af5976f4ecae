#!/usr/bin/env bash
# Prepares a Debian machine for the podman suite (test/podman), as root: podman and its
# rootless helpers from Debian, a test user with subordinate id ranges, that user's
# containers.conf with this machine's quirks, and the local base images the tests build on
# (no registry is reachable). A rerun installs, writes and builds only what is missing or
# changed. The quirks live here, for the test user, never in the product's defaults.
set -euo pipefail

TEST_USER="${ROOTGUARD_TEST_USER:-rgtest}"
HERE="$(cd "$(dirname "$0")" && pwd)"
PACKAGES=(podman runc uidmap slirp4netns fuse-overlayfs busybox-static nginx)
NGINX_TAG=docker.io/library/nginx:mainline-alpine
BUSYBOX_TAG=docker.io/library/busybox:latest
LABEL=io.rootguard.test.inputs

if [ "$(id -u)" != 0 ]; then
  echo "setup-ci.sh: run me as root (I install packages and create the test user)" >&2
  exit 2
fi

echo "== podman packages"
missing=()
for package in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'ok installed' ||
    missing+=("$package")
done
install_missing() {
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
}
if [ "${#missing[@]}" -gt 0 ]; then
  echo "installing ${missing[*]}"
  # .ci/run has just updated the package lists; update here only when they do not serve.
  install_missing 2>/dev/null || { apt-get update -qq && install_missing; }
fi
podman --version

echo "== test user $TEST_USER"
id "$TEST_USER" >/dev/null 2>&1 || useradd --create-home --shell /bin/bash "$TEST_USER"
home="$(getent passwd "$TEST_USER" | cut -d: -f6)"

# useradd gives new users 65536 subordinate ids; a user made earlier by hand may have none.
ensure_range() {
  local file="$1" option="$2"
  grep -q "^$TEST_USER:" "$file" 2>/dev/null && return
  local start
  start="$(awk -F: 'BEGIN { m = 100000 } { if ($2 + $3 > m) m = $2 + $3 } END { print m }' \
    "$file" 2>/dev/null || echo 100000)"
  usermod "$option" "$start-$((start + 65535))" "$TEST_USER"
}
ensure_range /etc/subuid --add-subuids
ensure_range /etc/subgid --add-subgids
grep "^$TEST_USER:" /etc/subuid /etc/subgid

echo "== containers.conf and storage.conf of $TEST_USER"
config="$home/.config/containers"
install -d -o "$TEST_USER" -g "$TEST_USER" "$home/.config" "$config"
write_if_changed() {
  local target="$1" content
  content="$(cat)"
  if [ ! -f "$target" ] || [ "$(cat "$target")" != "$content" ]; then
    printf '%s\n' "$content" > "$target"
    chown "$TEST_USER:$TEST_USER" "$target"
    echo "wrote $target"
  fi
}
write_if_changed "$config/containers.conf" <<'EOF'
# Written by rootguard's test/podman/setup-ci.sh for this CI machine; not product defaults.
[engine]
# crun fails on these machines ("cgroups in hybrid mode not supported"); runc works.
runtime = "runc"
# No systemd user session: cgroupfs, and events to a file instead of the journal.
# Rootless runs keep the user's own rlimits, so no ulimit setting is needed here; only rootful
# podman fails on these machines without --ulimit (no CAP_SYS_RESOURCE), and no test is rootful.
cgroup_manager = "cgroupfs"
events_logger = "file"
EOF
# With no storage.conf, Debian's podman 4.3 picks vfs for rootless users here (a full copy per
# layer); the kernel's native overlay works rootless and is much faster.
write_if_changed "$config/storage.conf" <<'EOF'
# Written by rootguard's test/podman/setup-ci.sh for this CI machine; not product defaults.
[storage]
driver = "overlay"
EOF

# A store first made with another driver keeps it (podman warns and ignores storage.conf):
# start that user's store afresh, once.
driver="$( (cd "$home" && runuser -u "$TEST_USER" -- \
  podman info --format '{{.Store.GraphDriverName}}') 2>/dev/null || true)"
if [ "$driver" != overlay ]; then
  (cd "$home" && runuser -u "$TEST_USER" -- podman system reset --force >/dev/null 2>&1)
fi

# Rootless port publishing goes through slirp4netns, which opens /dev/net/tun as the user.
chmod 666 /dev/net/tun

echo "== base images"
stage="$home/.cache/rootguard-ci"
as_user() { (cd "$home" && runuser -u "$TEST_USER" -- "$@"); }
label_of() {
  as_user podman image inspect --format "{{ index .Config.Labels \"$LABEL\" }}" "$1" \
    2>/dev/null || true
}
inputs_hash() { (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum |
  cut -c1-16); }

# Builds a context as the test user unless an image with the same inputs already has the tag.
build_image() {
  local context="$1" tag="$2" extra="${3:-}" hash
  chown -R "$TEST_USER:$TEST_USER" "$context"
  hash="$(inputs_hash "$context")$extra"
  if [ "$(label_of "$tag")" = "$hash" ]; then
    echo "$tag is current"
    return
  fi
  as_user podman build --pull=never --quiet --label "$LABEL=$hash" --tag "$tag" "$context"
  echo "built $tag"
}

rm -rf "$stage"
install -d -o "$TEST_USER" -g "$TEST_USER" "$home/.cache" "$stage"
mkdir -p "$stage/busybox" "$stage/nginx/rootfs/etc/nginx" "$stage/nginx/rootfs/usr/sbin"
cp "$HERE/images/busybox/Containerfile" "$stage/busybox/"
cp /bin/busybox "$stage/busybox/busybox"
build_image "$stage/busybox" "$BUSYBOX_TAG"

cp "$HERE"/images/nginx/* "$stage/nginx/"
rootfs="$stage/nginx/rootfs"
cp /usr/sbin/nginx "$rootfs/usr/sbin/nginx"
cp /etc/nginx/mime.types "$rootfs/etc/nginx/mime.types"
# The libraries the binary links, at the paths the dynamic loader looks for them.
for library in $(ldd /usr/sbin/nginx | grep -o '/[^ ]*'); do
  mkdir -p "$rootfs$(dirname "$library")"
  cp -L "$library" "$rootfs$library"
done
printf '%s\n' 'root:x:0:0:root:/root:/bin/sh' \
  'nginx:x:101:101:nginx:/var/cache/nginx:/sbin/nologin' \
  'nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin' > "$rootfs/etc/passwd"
printf '%s\n' 'root:x:0:' 'nginx:x:101:nginx' 'nogroup:x:65534:' > "$rootfs/etc/group"
build_image "$stage/nginx" "$NGINX_TAG" "+$(label_of "$BUSYBOX_TAG")"

as_user podman image prune --force >/dev/null
as_user podman images
echo "== podman test setup done"
