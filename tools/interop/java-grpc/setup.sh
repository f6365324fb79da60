#!/usr/bin/env bash
# Builds the gRPC interop harness: resolves the official Java 5 gRPC client (pom.xml) and Apache
# RocketMQ 5.3.3's proxy (proxy/pom.xml) from Maven Central, each on its own classpath, and compiles
# our driver programs (src/main/java) against the client. Idempotent, like tools/interop/java/setup.sh.
# Output (last line of stdout): the path of the file holding the client classpath.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
target="$here/target"
client_deps="$target/client-dependencies.classpath"
proxy_deps="$target/proxy.classpath"
full_file="$target/client.classpath"
classes="$target/classes"
mkdir -p "$target"

exec 9>"$target/.setup.lock"
flock 9

for tool in java javac mvn; do
  command -v "$tool" >/dev/null || { echo "setup.sh: '$tool' not found on PATH (need Java 17 + Maven 3.8)" >&2; exit 1; }
done

resolve() { # <pom> <output file>
  if [[ ! -s "$2" || "$1" -nt "$2" ]]; then
    echo "setup.sh: resolving $(basename "$(dirname "$1")")/$(basename "$1") from Maven Central..." >&2
    rm -f "$2.tmp"
    mvn -q -B -f "$1" dependency:build-classpath -Dmdep.outputFile="$2.tmp" >&2
    mv "$2.tmp" "$2"
  fi
}
resolve "$here/pom.xml" "$client_deps"
resolve "$here/proxy/pom.xml" "$proxy_deps"

stamp="$classes/.compiled"
newest_source="$(find "$here/src/main/java" -name '*.java' -newer "$stamp" -print -quit 2>/dev/null || true)"
if [[ ! -f "$stamp" || -n "$newest_source" || "$client_deps" -nt "$stamp" ]]; then
  echo "setup.sh: compiling gRPC interop programs..." >&2
  rm -rf "$classes"
  mkdir -p "$classes"
  find "$here/src/main/java" -name '*.java' > "$target/sources.txt"
  javac --release 17 -encoding UTF-8 -nowarn -d "$classes" -cp "$(cat "$client_deps")" @"$target/sources.txt" >&2
  touch "$stamp"
fi

printf '%s:%s' "$classes" "$(cat "$client_deps")" > "$full_file.tmp"
mv "$full_file.tmp" "$full_file"
echo "$full_file"
