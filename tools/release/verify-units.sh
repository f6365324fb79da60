#!/usr/bin/env bash
# `systemd-analyze verify` of every unit the .deb installs, inside the unpacked package (so that
# ExecStart paths resolve), the broker template as the instance broker-a.
#   bash tools/release/verify-units.sh dist/release/rocketmq-ts_<version>-1_all.deb
set -euo pipefail

deb="${1:?the .deb}"
root="$(mktemp -d -t rocketmq-ts-units-XXXXXX)"
trap 'rm -rf "$root"' EXIT
dpkg-deb -x "$deb" "$root"
units="$root/usr/lib/systemd/system"
# The targets and units ours name (sysinit.target, network-online.target, ...) come from the host.
cp -rn /usr/lib/systemd/system/. "$units/" 2>/dev/null || true
ln -s "rocketmq-broker@.service" "$units/rocketmq-broker@broker-a.service"
status=0
for unit in rocketmq-namesrv.service rocketmq-broker@broker-a.service rocketmq-controller.service rocketmq-console.service rocketmq-exporter.service; do
  if output="$(systemd-analyze verify --root="$root" "$units/$unit" 2>&1)" && [[ -z "$output" ]]; then
    echo "systemd-analyze verify $unit: ok"
  else
    echo "systemd-analyze verify $unit:"
    echo "$output" | sed 's/^/  /'
    status=1
  fi
done
exit "$status"
