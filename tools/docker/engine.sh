#!/usr/bin/env bash
# Makes `docker compose` usable on a Debian machine (CI's, a developer's): Debian's docker.io
# (the engine) and debootstrap (for base-images.sh) when missing, dockerd started when nothing
# answers on its socket, and the Compose v2+ CLI plugin when `docker compose` is missing.
# Debian's `docker-compose` package is Compose v1 (1.29 on bookworm), which neither understands
# `--wait` nor the Compose Specification fully, so the plugin is built from its Go module
# (github.com/docker/compose/v5, the version below) with the machine's Go: no binary download.
#   bash tools/docker/engine.sh      (root)
set -euo pipefail

COMPOSE_VERSION=v5.6.0
PLUGIN_DIR=/usr/local/lib/docker/cli-plugins
log() { printf '[engine] %s\n' "$*"; }

missing=()
command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
if ((${#missing[@]} > 0)); then
  log "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! docker info >/dev/null 2>&1; then
  log "starting dockerd (log: /var/log/dockerd.log)"
  nohup dockerd >/var/log/dockerd.log 2>&1 &
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 1; done
  docker info >/dev/null 2>&1 || { tail -n 30 /var/log/dockerd.log; log "dockerd did not come up in 60 s"; exit 1; }
fi

if ! docker compose version >/dev/null 2>&1; then
  # The machine image has Go in /usr/local/go/bin, not always on PATH. compose v5.6.0's go.mod asks
  # for Go 1.26; GOTOOLCHAIN=local fails on an older Go instead of fetching a toolchain.
  go=$(command -v go || echo /usr/local/go/bin/go)
  [[ -x "$go" ]] || { log "docker compose is missing and there is no Go to build it"; exit 1; }
  log "building the Compose CLI plugin $COMPOSE_VERSION from its Go module with $("$go" version)"
  export GOTOOLCHAIN=local GOFLAGS=-mod=mod
  # `go install` refuses a module whose go.mod has exclude directives: build inside the module.
  dir=$("$go" mod download -json "github.com/docker/compose/v5@$COMPOSE_VERSION" | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')
  mkdir -p "$PLUGIN_DIR"
  (cd "$dir" && "$go" build -trimpath -ldflags "-w -X github.com/docker/compose/v5/internal.Version=$COMPOSE_VERSION" -o "$PLUGIN_DIR/docker-compose" ./cmd)
fi
log "$(docker version --format 'engine {{.Server.Version}}, client {{.Client.Version}}'), $(docker compose version)"
