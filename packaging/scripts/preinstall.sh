#!/bin/sh
# The system user and group the units run as (kept on removal: files in /var/lib stay theirs).
set -e
if ! getent group rocketmq >/dev/null; then groupadd --system rocketmq; fi
if ! getent passwd rocketmq >/dev/null; then
  useradd --system --gid rocketmq --home-dir /var/lib/rocketmq-ts --no-create-home --shell /usr/sbin/nologin --comment "rocketmq-ts" rocketmq
fi
