#!/usr/bin/env bash
# Builds, from Debian packages only, the two base images that compose/Dockerfile and
# compose/compose.yaml name, and tags them with the names they have on Docker Hub, so that
# `docker compose build && docker compose up` works on a machine that reaches Debian's archive
# but no image registry. Elsewhere nothing needs this: Docker pulls the official images.
#
#   node:20.19-trixie-slim   debootstrap --variant=minbase --include=nodejs,ca-certificates trixie,
#                            with the official image's `node` user (uid/gid 1000) and CMD ["node"]
#   prom/prometheus:v<ver>   Debian trixie's `prometheus` package laid out as the official image is:
#                            /bin/prometheus, /etc/prometheus/prometheus.yml, /prometheus (the TSDB,
#                            a volume), user nobody, the same ENTRYPOINT and CMD; plus busybox's
#                            wget, which the official (busybox-based) image has and our healthcheck uses
#
# Usage (root; needs debootstrap and a running dockerd):
#   bash tools/docker/base-images.sh [--force]
# DEBIAN_MIRROR picks another mirror than debootstrap's default. An image that already exists is
# kept unless --force. Prints the tags and sizes at the end.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
FORCE=false
[[ "${1:-}" == "--force" ]] && FORCE=true
SUITE=trixie
# Must match compose/Dockerfile's NODE_IMAGE and compose/compose.yaml's PROMETHEUS_IMAGE defaults.
NODE_IMAGE=$(sed -n 's/^ARG NODE_IMAGE=//p' compose/Dockerfile)
PROMETHEUS_IMAGE=$(sed -n 's/.*PROMETHEUS_IMAGE:-\([^}]*\)}.*/\1/p' compose/compose.yaml | head -n 1)
WORK=$(mktemp -d /tmp/rocketmq-base-images.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

log() { printf '[base-images] %s\n' "$*"; }
have_image() { [[ "$FORCE" == false ]] && docker image inspect "$1" >/dev/null 2>&1; }

# debootstrap SUITE into $WORK/$1 with the packages in $2 (comma-separated).
bootstrap() {
  local root="$WORK/$1"
  log "debootstrap $SUITE ($2) -> $root"
  mkdir -p "$WORK/debs"
  debootstrap --variant=minbase --cache-dir="$WORK/debs" --include="$2" "$SUITE" "$root" ${DEBIAN_MIRROR:+"$DEBIAN_MIRROR"} >"$WORK/$1.log" 2>&1 ||
    { tail -n 30 "$WORK/$1.log"; exit 1; }
  # What a slim image leaves out: package lists, docs, man pages, locales beyond C.
  rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/var/cache/apt/archives/*.deb \
    "$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/usr/share/info/* "$root"/var/log/*
  find "$root/usr/share/locale" -mindepth 1 -maxdepth 1 ! -name 'locale.alias' -exec rm -rf {} + 2>/dev/null || true
}

# Imports a root file system as an image; the remaining arguments are --change instructions.
import_root() {
  local root="$1" tag="$2"
  shift 2
  tar --numeric-owner -C "$root" -c . | docker import "$@" - "$tag" >/dev/null
  log "tagged $tag ($(docker image inspect -f '{{.Size}}' "$tag" | awk '{printf "%.0f MB", $1/1e6}'))"
}

if have_image "$NODE_IMAGE"; then
  log "$NODE_IMAGE exists (--force rebuilds it)"
else
  bootstrap node nodejs,ca-certificates
  version=$(chroot "$WORK/node" node --version)
  [[ "$version" == v20.19.* ]] || { log "expected Node 20.19 from $SUITE, got $version"; exit 1; }
  chroot "$WORK/node" groupadd --gid 1000 node
  chroot "$WORK/node" useradd --uid 1000 --gid node --shell /bin/bash --create-home node
  import_root "$WORK/node" "$NODE_IMAGE" \
    --change 'ENV NODE_VERSION='"${version#v}" \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["node"]'
fi

if have_image "$PROMETHEUS_IMAGE"; then
  log "$PROMETHEUS_IMAGE exists (--force rebuilds it)"
else
  bootstrap prometheus prometheus,busybox,ca-certificates
  root="$WORK/prometheus"
  version=$(chroot "$root" dpkg-query -W -f '${Version}' prometheus)
  # The tag claims a version: refuse to put another one under it (trixie may move on).
  [[ "$version" == "${PROMETHEUS_IMAGE##*:v}"+* ]] || { log "Debian's prometheus is $version, not the ${PROMETHEUS_IMAGE##*:} compose/compose.yaml names"; exit 1; }
  log "Debian's prometheus $version for $PROMETHEUS_IMAGE"
  # trixie merges /bin into /usr/bin, so /bin/prometheus and /bin/promtool are already there.
  for tool in prometheus promtool; do [[ -x "$root/bin/$tool" ]] || { log "no /bin/$tool in the package"; exit 1; }; done
  [[ -e "$root/usr/bin/wget" ]] || ln -s busybox "$root/usr/bin/wget"
  mkdir -p "$root/etc/prometheus" "$root/prometheus"
  # The official image's default config: Prometheus scraping itself.
  cat >"$root/etc/prometheus/prometheus.yml" <<'YAML'
global:
  scrape_interval: 15s
scrape_configs:
  - job_name: prometheus
    static_configs:
      - targets: ["localhost:9090"]
YAML
  chroot "$root" chown -R nobody:nogroup /etc/prometheus /prometheus
  import_root "$root" "$PROMETHEUS_IMAGE" \
    --change 'USER nobody' \
    --change 'WORKDIR /prometheus' \
    --change 'EXPOSE 9090' \
    --change 'VOLUME ["/prometheus"]' \
    --change 'ENTRYPOINT ["/bin/prometheus"]' \
    --change 'CMD ["--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.path=/prometheus"]'
fi
