#!/usr/bin/env bash
# Rolls a rocketmq-ts layout out to many hosts over SSH from one inventory file: installs the .deb
# on each, writes the brokers' files from the bundle's conf/<mode>/ and the name server list, and
# starts the units in RocketMQ's order (name servers, then masters, then slaves), each start
# health-checked by systemd. Runs on the operator's machine; needs ssh/scp and root logins by key.
#
#   deploy/rollout.sh --inventory hosts.txt --deb rocketmq-ts_0.1.0-1_all.deb [--mode 2m-2s-sync] [--ssh-option OPT ...]
#
# Inventory: one host per line, its address, then what runs there ('#' starts a comment):
#   10.0.0.1  namesrv broker-a
#   10.0.0.2  namesrv broker-a-s
#   10.0.0.3  broker-b
#   10.0.0.4  broker-b-s
# A broker name is a file of conf/<mode>/ (broker-a.properties ...). Its store goes to
# /var/lib/rocketmq-ts/<name>, brokerIP1 is the host's inventory address, NAMESRV_ADDR lists every
# host that runs `namesrv` (port 9876). Re-running is safe: the package is upgraded in place,
# config files are rewritten, running units restarted one host at a time.
set -euo pipefail

inventory="" deb="" mode="2m-2s-sync"
ssh_options=(-o BatchMode=yes -o ConnectTimeout=10)
while (($# > 0)); do
  case "$1" in
    --inventory) inventory="$2"; shift 2 ;;
    --deb) deb="$2"; shift 2 ;;
    --mode) mode="$2"; shift 2 ;;
    --ssh-option) ssh_options+=(-o "$2"); shift 2 ;;
    --ssh-identity) ssh_options+=(-i "$2"); shift 2 ;;
    -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "rollout: unknown argument $1 (--help)" >&2; exit 2 ;;
  esac
done
[[ -f "$inventory" ]] || { echo "rollout: --inventory FILE is required (--help)" >&2; exit 2; }
[[ -f "$deb" ]] || { echo "rollout: --deb FILE is required (npm run release && bash tools/release/build-packages.sh)" >&2; exit 2; }

hosts=() declare -A roles=()
while read -r line; do
  line="${line%%#*}"
  read -r address rest <<<"$line" || true
  [[ -z "${address:-}" ]] && continue
  hosts+=("$address")
  roles[$address]="$rest"
done <"$inventory"
((${#hosts[@]} > 0)) || { echo "rollout: no host in $inventory" >&2; exit 2; }

namesrv_addr=""
for host in "${hosts[@]}"; do
  [[ " ${roles[$host]} " == *" namesrv "* ]] && namesrv_addr+="${namesrv_addr:+;}$host:9876"
done
[[ -n "$namesrv_addr" ]] || { echo "rollout: no host runs namesrv" >&2; exit 2; }

log() { printf '[rollout] %s\n' "$*"; }
on() { local host="$1"; shift; ssh "${ssh_options[@]}" "root@$host" "$@"; }

# 1. Install (or upgrade) everywhere, write the environment and the brokers' files.
for host in "${hosts[@]}"; do
  log "$host: install $(basename "$deb")"
  scp -q "${ssh_options[@]}" "$deb" "root@$host:/tmp/rocketmq-ts.deb"
  on "$host" "dpkg -i /tmp/rocketmq-ts.deb >/dev/null && rm -f /tmp/rocketmq-ts.deb"
  on "$host" "sed -i '/^NAMESRV_ADDR=/d' /etc/default/rocketmq-ts && echo 'NAMESRV_ADDR=$namesrv_addr' >> /etc/default/rocketmq-ts"
  for role in ${roles[$host]}; do
    [[ "$role" == namesrv ]] && continue
    on "$host" "set -e; src=/opt/rocketmq-ts/conf/$mode/$role.properties; test -f \$src || { echo 'no '\$src >&2; exit 1; }
      sed -e '/^storePathRootDir=/d' -e '/^brokerIP1=/d' \$src > /etc/rocketmq-ts/$role.properties
      printf 'storePathRootDir=/var/lib/rocketmq-ts/$role\nbrokerIP1=$host\n' >> /etc/rocketmq-ts/$role.properties"
  done
done

# 2. Start in order: name servers, masters (brokerId=0), slaves. `restart` also starts a stopped unit.
start_units() {
  local kind="$1" host role unit
  for host in "${hosts[@]}"; do
    for role in ${roles[$host]}; do
      if [[ "$role" == namesrv ]]; then
        [[ "$kind" == namesrv ]] || continue
        unit=rocketmq-namesrv.service
      else
        local id
        id=$(on "$host" "sed -n 's/^brokerId=//p' /etc/rocketmq-ts/$role.properties")
        [[ "$kind" == master && "$id" == 0 ]] || [[ "$kind" == slave && "$id" != 0 ]] || continue
        unit="rocketmq-broker@$role.service"
      fi
      log "$host: start $unit"
      on "$host" "systemctl enable $unit >/dev/null 2>&1 && systemctl restart $unit"
    done
  done
}
start_units namesrv
start_units master
start_units slave
log "done: NAMESRV_ADDR=$namesrv_addr (mqadmin clusterList -n '${namesrv_addr%%;*}')"
