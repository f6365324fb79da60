#!/usr/bin/env bash
# Runs Apache RocketMQ's admin CLI (what `mqadmin` runs), e.g.
#   run-admin.sh clusterList -n 127.0.0.1:9876
#   run-admin.sh topicRoute -n 127.0.0.1:9876 -t TBW102
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/java-common.sh"

home="${CLIENT_HOME:-$(mktemp -d -t rocketmq-ts-java-admin-XXXXXX)}"
exec java -Xms64m -Xmx256m "${JAVA_OPTS_COMMON[@]}" -Duser.home="$home" \
  -cp "$(cat "$classpath_file")" org.apache.rocketmq.tools.command.MQAdminStartup "$@"
