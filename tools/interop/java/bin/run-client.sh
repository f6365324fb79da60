#!/usr/bin/env bash
# Runs one of our Java driver programs with the official client on the classpath.
#   run-client.sh InteropProducer -n 127.0.0.1:9876 -t TopicA -c 10
#   run-client.sh InteropConsumer -n 127.0.0.1:9876 -t TopicA -g GroupA -c 10
# Client logs go to $CLIENT_HOME (default: a fresh temp dir) instead of ~/logs.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/java-common.sh"

main="${1:?program: InteropProducer | InteropConsumer}"
shift
home="${CLIENT_HOME:-$(mktemp -d -t rocketmq-ts-java-client-XXXXXX)}"
read -r -a heap <<< "${CLIENT_HEAP_OPTS:--Xms64m -Xmx256m}"
# More JVM settings, e.g. CLIENT_JAVA_OPTS="-Dtls.enable=true" for the client's TLS.
read -r -a extra <<< "${CLIENT_JAVA_OPTS:-}"
exec java "${heap[@]}" "${JAVA_OPTS_COMMON[@]}" "${extra[@]}" -Duser.home="$home" \
  -cp "$(cat "$classpath_file")" "org.rocketmqts.interop.$main" "$@"
