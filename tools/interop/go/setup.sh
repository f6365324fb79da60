#!/usr/bin/env bash
# Builds the Go interop driver: the official RocketMQ Go client (go.mod pins
# github.com/apache/rocketmq-client-go/v2) and our driver program (*.go here), into
# target/rocketmq-go-driver (git-ignored). Modules come from the Go module proxy, checked against go.sum.
# Idempotent: rebuilds only when a source, go.mod or go.sum changed.
# Output (last line of stdout): the path of the binary.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
target="$here/target"
binary="$target/rocketmq-go-driver"
mkdir -p "$target"

# Two suites (or a suite and a developer) may run this at once.
exec 9>"$target/.setup.lock"
flock 9

# The machine image has Go in /usr/local/go/bin, which a non-login shell's PATH may lack;
# .ci/run installs Debian's golang-go (/usr/bin/go) where there is none.
go_bin="$(command -v go || true)"
if [[ -z "$go_bin" && -x /usr/local/go/bin/go ]]; then go_bin=/usr/local/go/bin/go; fi
if [[ -z "$go_bin" ]]; then
  echo "setup.sh: no Go toolchain: 'go' is not on PATH and /usr/local/go/bin/go is missing (need Go >= 1.19; Debian: apt-get install golang-go)" >&2
  exit 1
fi

newest_source="$(find "$here" -maxdepth 1 \( -name '*.go' -o -name go.mod -o -name go.sum \) -newer "$binary" -print -quit 2>/dev/null || true)"
if [[ ! -x "$binary" || -n "$newest_source" ]]; then
  echo "setup.sh: building the Go driver with $("$go_bin" version)..." >&2
  # GOTOOLCHAIN=local: build with this Go, never fetch another toolchain; -mod=readonly: go.mod and
  # go.sum are what is committed, a missing sum is an error rather than a silent update.
  (cd "$here" && GOTOOLCHAIN=local "$go_bin" build -mod=readonly -trimpath -buildvcs=false -o "$binary.tmp" . >&2)
  mv "$binary.tmp" "$binary"
fi
echo "$binary"
