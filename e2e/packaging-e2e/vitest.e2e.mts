// The .deb as an operator installs it: Debian 13 containers with systemd as PID 1 (image from
// Debian packages, tools/docker/systemd-image.sh), dpkg, systemctl, the Java client and ali-ons on
// the host. One file, its tests in order. `nx run packaging-e2e:e2e` (CI; builds image and packages first).
import { mergeConfig } from 'vitest/config';

import { projectTestConfig } from '../../vitest.shared.mjs';

export default mergeConfig(
  projectTestConfig({ projectRoot: 'e2e/packaging-e2e', serial: true, testTimeoutMs: 240_000, include: ['src/**/*.e2e.spec.ts'] }),
  { test: { hookTimeout: 180_000, teardownTimeout: 120_000 } },
);
