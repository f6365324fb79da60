#!/usr/bin/env bash
# Runs one of our gRPC driver programs with the official Java 5 client on the classpath.
#   run-grpc-client.sh GrpcScenario normal endpoints=127.0.0.1:8081 topic=T group=G
# Client logs go to $CLIENT_HOME (default: a fresh temp dir). Heap: CLIENT_HEAP_OPTS.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
classpath_file="$here/target/client.classpath"
[[ -s "$classpath_file" ]] || { echo "run-grpc-client.sh: $classpath_file missing; run tools/interop/java-grpc/setup.sh first" >&2; exit 1; }
main="${1:?program, e.g. GrpcScenario}"
shift
home="${CLIENT_HOME:-$(mktemp -d -t rocketmq-ts-grpc-client-XXXXXX)}"
read -r -a heap <<< "${CLIENT_HEAP_OPTS:--Xms64m -Xmx256m}"
exec java "${heap[@]}" -XX:+UseSerialGC -Xss512k -Djava.net.preferIPv4Stack=true -Duser.home="$home" \
  -Drocketmq.log.level=warn -Dmqshaded.log.level=warn \
  -cp "$(cat "$classpath_file")" "org.rocketmqts.grpc.$main" "$@"
