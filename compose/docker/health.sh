#!/bin/bash
# The images' health check: GET http://127.0.0.1:$HEALTH_PORT$HEALTH_PATH (path /health unless set;
# the console's is /api/v1/health), or the port given as the first argument, must answer 200 within 2 s. Bash's /dev/tcp rather than node: Docker runs this
# every couple of seconds in every container, and starting Node each time costs tens of ms of CPU.
port=${1:-${HEALTH_PORT:?HEALTH_PORT is not set}}
exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "${HEALTH_PATH:-/health}" >&3
read -r -t 2 status <&3 || exit 1
[[ "$status" == HTTP/1.?" 200 "* ]]
