#!/bin/sh
# Data and log directories (kept by removal and upgrades), then systemd learns the units. Nothing
# is started or enabled: which units run on a host is the operator's choice (packaging/README.md).
set -e
install -d -o rocketmq -g rocketmq -m 0750 /var/lib/rocketmq-ts /var/lib/rocketmq-ts/namesrv
install -d -o rocketmq -g rocketmq -m 0750 /var/log/rocketmq-ts
if [ -d /run/systemd/system ]; then systemctl daemon-reload || true; fi
