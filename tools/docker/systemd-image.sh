#!/usr/bin/env bash
# Builds rocketmq-ts/debian-systemd:trixie from Debian packages: a Debian 13 server as a container,
# systemd as PID 1, Node 20.19 (what the .deb depends on), and sshd for the multi-host roll-out.
# The packaging suite (e2e/packaging-e2e) installs our .deb into containers of it.
#   bash tools/docker/systemd-image.sh [--force]
# Run a container of it as the suite does: systemd needs a writable cgroup tree and SYS_ADMIN:
#   docker run -d --cap-add SYS_ADMIN -v /sys/fs/cgroup:/sys/fs/cgroup:rw --tmpfs /run --tmpfs /run/lock \
#     --stop-signal SIGRTMIN+3 rocketmq-ts/debian-systemd:trixie
set -euo pipefail

IMAGE=rocketmq-ts/debian-systemd:trixie
if [[ "${1:-}" != "--force" ]] && docker image inspect "$IMAGE" >/dev/null 2>&1; then
  echo "[systemd-image] $IMAGE exists (--force rebuilds it)"
  exit 0
fi
work=$(mktemp -d /tmp/rocketmq-systemd-image.XXXXXX)
trap 'rm -rf "$work"' EXIT
root="$work/root"
echo "[systemd-image] debootstrap trixie -> $root"
debootstrap --variant=minbase --include=systemd,systemd-sysv,dbus,nodejs,ca-certificates,procps,iproute2,openssh-server,logrotate \
  trixie "$root" ${DEBIAN_MIRROR:+"$DEBIAN_MIRROR"} >"$work/debootstrap.log" 2>&1 || { tail -n 30 "$work/debootstrap.log"; exit 1; }
# A server in a container: no consoles, no hardware, no clock to set.
for unit in getty@tty1.service console-getty.service systemd-udevd.service systemd-udev-trigger.service systemd-timesyncd.service \
  systemd-logind.service sys-kernel-config.mount sys-kernel-debug.mount sys-kernel-tracing.mount; do
  ln -sf /dev/null "$root/etc/systemd/system/$unit"
done
# sshd: keys only, root allowed with a key (the roll-out's inventory logs in as root).
printf 'PasswordAuthentication no\nPermitRootLogin prohibit-password\n' >"$root/etc/ssh/sshd_config.d/rocketmq-ts.conf"
rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/archives/*.deb "$root"/usr/share/doc/* "$root"/usr/share/man/*
tar --numeric-owner -C "$root" -c . | docker import --change 'CMD ["/sbin/init"]' --change 'ENV container=docker' - "$IMAGE" >/dev/null
echo "[systemd-image] tagged $IMAGE ($(docker image inspect -f '{{.Size}}' "$IMAGE" | awk '{printf "%.0f MB", $1/1e6}'))"
