// The images' health check: exit 0 when GET $HEALTH_URL (or the first argument) answers 2xx
// within 2 s. Node is the only program in the image, so no curl or wget.
'use strict';
const url = process.argv[2] ?? process.env.HEALTH_URL;
if (!url) {
  process.stderr.write('health: no URL (argument or HEALTH_URL)\n');
  process.exit(2);
}
fetch(url, { signal: AbortSignal.timeout(2000) }).then(
  (response) => process.exit(response.ok ? 0 : 1),
  (error) => {
    process.stderr.write(`health: ${url}: ${error.message}\n`);
    process.exit(1);
  },
);
