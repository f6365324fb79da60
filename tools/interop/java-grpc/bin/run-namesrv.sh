#!/usr/bin/env bash
# Starts Apache RocketMQ 5.3.3's name server (from the proxy classpath) in the foreground: the name
# server the reference proxy's broker registers to.
#   run-namesrv.sh <listenPort> <workDir>
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
classpath_file="$here/target/proxy.classpath"
[[ -s "$classpath_file" ]] || { echo "run-namesrv.sh: $classpath_file missing; run tools/interop/java-grpc/setup.sh first" >&2; exit 1; }
port="${1:?listen port}"
work="${2:?work dir}"
mkdir -p "$work/home/conf"
cat > "$work/namesrv.conf" <<CONF
listenPort=$port
kvConfigPath=$work/home/namesrv/kvConfig.json
configStorePath=$work/home/namesrv/namesrv.properties
CONF
export ROCKETMQ_HOME="$work/home"
exec java -Xms64m -Xmx192m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.net.preferIPv4Stack=true -Duser.home="$work/home" \
  -cp "$(cat "$classpath_file")" org.apache.rocketmq.namesrv.NamesrvStartup -c "$work/namesrv.conf"
