#!/usr/bin/env bash
# A command of the rocketmq-ts release (bin/mqnamesrv, bin/mqbroker, ...): runs the command's
# bundle under lib/ with Node, from any directory. Installed once per command name by
# tools/release/build-release.mjs, which fills in BUNDLE.
#
# ROCKETMQ_HOME: the release root (default: the directory above this script, through symlinks, so
# /usr/bin links to /opt/rocketmq-ts/bin/* work). A relative `-c FILE` that does not exist in the
# working directory is looked up under ROCKETMQ_HOME, so `mqbroker -c conf/2m-2s-sync/broker-a.properties`
# works from anywhere, as RocketMQ's scripts do.
set -euo pipefail

BUNDLE='@BUNDLE@'
ROCKETMQ_HOME="${ROCKETMQ_HOME:-$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)}"
export ROCKETMQ_HOME

if ! command -v node >/dev/null 2>&1; then
  echo "$(basename "$0"): Node.js >= 20.19 is needed and node is not on PATH" >&2
  exit 1
fi
version="$(node --version)"
IFS=. read -r major minor _ <<<"${version#v}"
if ((major < 20 || (major == 20 && minor < 19))); then
  echo "$(basename "$0"): Node.js >= 20.19 is needed, found $version" >&2
  exit 1
fi

args=()
while (($# > 0)); do
  case "$1" in
    -c)
      args+=("$1")
      shift
      if (($# > 0)); then
        if [[ "$1" != /* && ! -e "$1" && -e "$ROCKETMQ_HOME/$1" ]]; then args+=("$ROCKETMQ_HOME/$1"); else args+=("$1"); fi
        shift
      fi
      ;;
    *)
      args+=("$1")
      shift
      ;;
  esac
done

# `exec`: node is the process a supervisor (systemd, a container engine) signals, so SIGTERM is a
# graceful stop. No TypeScript is compiled at start: the bundle is plain JavaScript.
exec node --enable-source-maps "$ROCKETMQ_HOME/$BUNDLE" ${args[@]+"${args[@]}"}
