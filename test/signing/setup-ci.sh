#!/usr/bin/env bash
# Installs what the signing suite (test/signing) runs for real: gpg, podman (rootful, with runc:
# crun cannot run on these machines), skopeo, Debian's docker-registry, and busybox-static for
# the FROM-scratch test image. The suite starts its own registry, GnuPG homes and podman
# storage in temporary folders (test/signing/lab.ts); nothing here starts a service.
# Run as root by .ci/run; independent of the other suites' setup.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

if [ "$(id -u)" -ne 0 ]; then
  echo "setup-ci.sh: run as root (it installs Debian packages)" >&2
  exit 2
fi

echo "== signing: system packages"
# .ci/run has updated the package lists already; a standalone run may need it.
if ! ls /var/lib/apt/lists/*_Packages >/dev/null 2>&1; then apt-get update -qq; fi
apt-get install -y -qq --no-install-recommends \
  gnupg skopeo docker-registry podman runc conmon busybox-static ca-certificates >/dev/null

for tool in gpg gpgconf podman skopeo docker-registry runc; do
  command -v "$tool" >/dev/null || { echo "setup-ci.sh: $tool is missing" >&2; exit 1; }
done
test -x /bin/busybox || { echo "setup-ci.sh: /bin/busybox is missing" >&2; exit 1; }
echo "gpg $(gpg --version | head -1 | awk '{print $3}'), $(podman --version)," \
  "$(skopeo --version), docker-registry $(docker-registry --version | awk '{print $3}')"
