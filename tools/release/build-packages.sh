#!/usr/bin/env bash
# The .deb and .rpm of rocketmq-ts from the release tree (npm run release makes it when missing:
# after changing code, run `npm run release` first, as CI's packages step does),
# with nfpm (installed with `go install` when not on PATH), then `systemd-analyze verify` of every
# unit inside the unpacked .deb. Prints each package's path and size.
#   bash tools/release/build-packages.sh
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
NFPM_VERSION=v2.48.0
export PATH="$PATH:/usr/local/go/bin:$(go env GOPATH 2>/dev/null || echo "$HOME/go")/bin"
if ! command -v nfpm >/dev/null 2>&1; then
  go install "github.com/goreleaser/nfpm/v2/cmd/nfpm@${NFPM_VERSION}"
fi
version="$(node -p 'require("./package.json").version')"
tree="dist/release/rocketmq-ts-${version}"
[[ -d "$tree" ]] || node tools/release/build-release.mjs

# nfpm expands the environment in `version` only: the tree's path goes into a copy of the config.
config="dist/release/nfpm.yaml"
sed "s|\${RELEASE_TREE}|$tree|g" packaging/nfpm.yaml >"$config"
export ROCKETMQ_TS_VERSION="$version"
for packager in deb rpm; do
  nfpm package --config "$config" --packager "$packager" --target dist/release/ >/dev/null
done
ls -l dist/release/*.deb dist/release/*.rpm | awk '{ printf "%s  %.1f MiB\n", $NF, $5 / 1048576 }'

bash tools/release/verify-units.sh "dist/release/rocketmq-ts_${version}-1_all.deb"
