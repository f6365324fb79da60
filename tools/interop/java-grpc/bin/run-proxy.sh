#!/usr/bin/env bash
# Starts Apache RocketMQ 5.3.3's proxy in local mode (`ProxyStartup -pm local`: the proxy and a
# broker in one JVM, as `mqbroker --enable-proxy` does) in the foreground.
#   run-proxy.sh <namesrv ip:port> <broker listenPort> <proxy gRPC port> <proxy remoting port> <workDir>
# The broker binds listenPort, listenPort+1 (HA) and listenPort-2 (fast channel). broker.conf,
# rmq-proxy.json, store and logs go under <workDir>. Extra broker.conf lines: env BROKER_EXTRA_CONF;
# extra rmq-proxy.json fields: env PROXY_EXTRA_JSON (`"key": value,` lines, each ending in a comma).
# The gRPC port speaks TLS (self-signed) and plaintext, as the proxy's default tlsTestModeEnable does.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
classpath_file="$here/target/proxy.classpath"
[[ -s "$classpath_file" ]] || { echo "run-proxy.sh: $classpath_file missing; run tools/interop/java-grpc/setup.sh first" >&2; exit 1; }

namesrv="${1:?namesrv address}"
port="${2:?broker listen port}"
grpc_port="${3:?proxy gRPC port}"
remoting_port="${4:?proxy remoting port}"
work="${5:?work dir}"
mkdir -p "$work/store" "$work/home/conf"

cat > "$work/broker.conf" <<CONF
brokerClusterName=DefaultCluster
brokerName=proxy-broker
brokerId=0
brokerRole=ASYNC_MASTER
flushDiskType=ASYNC_FLUSH
listenPort=$port
brokerIP1=127.0.0.1
namesrvAddr=$namesrv
storePathRootDir=$work/store
storePathCommitLog=$work/store/commitlog
autoCreateTopicEnable=true
autoCreateSubscriptionGroup=true
mappedFileSizeCommitLog=67108864
mappedFileSizeConsumeQueue=600000
maxHashSlotNum=50000
maxIndexNum=200000
diskMaxUsedSpaceRatio=95
${BROKER_EXTRA_CONF:-}
CONF

cat > "$work/rmq-proxy.json" <<JSON
{
${PROXY_EXTRA_JSON:-}
  "rocketMQClusterName": "DefaultCluster",
  "namesrvAddr": "$namesrv",
  "grpcServerPort": $grpc_port,
  "remotingListenPort": $remoting_port,
  "localServeAddr": "127.0.0.1",
  "heartbeatSyncerTopicClusterName": "DefaultCluster"
}
JSON

export ROCKETMQ_HOME="$work/home"
read -r -a heap <<< "${PROXY_HEAP_OPTS:--Xms256m -Xmx768m}"
exec java "${heap[@]}" -XX:+UseSerialGC -Xss512k -Djava.net.preferIPv4Stack=true -Duser.home="$work/home" \
  --add-opens java.base/java.nio=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED \
  --add-opens java.base/java.lang=ALL-UNNAMED --add-exports java.base/sun.nio.ch=ALL-UNNAMED \
  -cp "$(cat "$classpath_file")" org.apache.rocketmq.proxy.ProxyStartup -pm local -bc "$work/broker.conf" -pc "$work/rmq-proxy.json" -n "$namesrv"
