#!/usr/bin/env bash
# Builds the Java interop harness: resolves the Apache RocketMQ client/broker/namesrv jars from
# Maven Central (pom.xml) and compiles our driver programs (src/main/java) with javac.
# Idempotent: re-resolves only when pom.xml changed, recompiles only when a source changed.
# Output (last line of stdout): the path of a file holding the full classpath.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
target="$here/target"
deps_file="$target/dependencies.classpath"
full_file="$target/interop.classpath"
classes="$target/classes"
mkdir -p "$target"

# Two suites (or a suite and a developer) may run this at once.
exec 9>"$target/.setup.lock"
flock 9

for tool in java javac mvn; do
  command -v "$tool" >/dev/null || { echo "setup.sh: '$tool' not found on PATH (need Java 17 + Maven 3.8)" >&2; exit 1; }
done

if [[ ! -s "$deps_file" || "$here/pom.xml" -nt "$deps_file" ]]; then
  echo "setup.sh: resolving RocketMQ jars from Maven Central..." >&2
  rm -f "$deps_file.tmp"
  mvn -q -B -f "$here/pom.xml" dependency:build-classpath -Dmdep.outputFile="$deps_file.tmp" >&2
  mv "$deps_file.tmp" "$deps_file"
fi

stamp="$classes/.compiled"
newest_source="$(find "$here/src/main/java" -name '*.java' -newer "$stamp" -print -quit 2>/dev/null || true)"
if [[ ! -f "$stamp" || -n "$newest_source" || "$deps_file" -nt "$stamp" ]]; then
  echo "setup.sh: compiling interop programs..." >&2
  rm -rf "$classes"
  mkdir -p "$classes"
  find "$here/src/main/java" -name '*.java' > "$target/sources.txt"
  javac --release 17 -encoding UTF-8 -nowarn -d "$classes" -cp "$(cat "$deps_file")" @"$target/sources.txt" >&2
  touch "$stamp"
fi

printf '%s:%s' "$classes" "$(cat "$deps_file")" > "$full_file.tmp"
mv "$full_file.tmp" "$full_file"
echo "$full_file"
