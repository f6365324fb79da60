#!/usr/bin/env bash
# Builds the compose stack's images: the apps' self-contained bundles (nx build), then
# `docker compose build`. With --offline it first makes the base images (node, prom/prometheus)
# from Debian packages (base-images.sh; kept when present), for a machine with no image registry;
# without it Docker pulls them as usual. Prints every image's size.
#   bash tools/docker/build-images.sh [--offline]
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
[[ "${1:-}" == "--offline" ]] && bash tools/docker/base-images.sh
npx nx run-many -t build -p namesrv broker controller exporter loadtests console-api console-web --outputStyle=static
docker compose -f compose/compose.yaml --profile loadtest --profile controller build
# Images a rebuild replaced are left untagged: drop ours (the Dockerfile labels them).
docker image prune -f --filter label=org.opencontainers.image.vendor=rocketmq-ts >/dev/null
docker image ls --format '{{.Repository}}:{{.Tag}}\t{{.Size}}' | grep -E '^(rocketmq-ts/|node:20.19-trixie-slim|prom/prometheus:)' | sort
