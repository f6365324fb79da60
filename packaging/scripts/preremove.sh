#!/bin/sh
# On removal (not on upgrade) stop every rocketmq-ts unit; data, logs and config stay.
# deb: $1 = remove | upgrade | ...; rpm: $1 = number of versions left (0 = removal).
set -e
case "$1" in
  remove|purge|0)
    if [ -d /run/systemd/system ]; then
      systemctl stop 'rocketmq-broker@*.service' rocketmq-exporter.service rocketmq-console.service rocketmq-controller.service rocketmq-namesrv.service || true
    fi
    ;;
esac
