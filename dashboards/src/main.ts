import { resolve } from 'node:path';

import { staleGrafanaFiles, writeGrafanaFiles } from './render';

/**
 * `nx run dashboards:generate` writes the dashboards and provisioning files into compose/grafana;
 * `nx run dashboards:check` (also a spec, so `npm test` runs it) fails when the committed files
 * differ from what this code generates.
 */
const workspaceRoot = resolve(__dirname, '../..');

if (process.argv.includes('--check')) {
  const stale = staleGrafanaFiles(workspaceRoot);
  if (stale.length > 0) {
    process.stderr.write(`out of date (run nx run dashboards:generate and commit):\n${stale.map((path) => `  ${path}\n`).join('')}`);
    process.exit(1);
  }
  process.stdout.write('compose/grafana is up to date\n');
} else {
  for (const file of writeGrafanaFiles(workspaceRoot)) process.stdout.write(`wrote ${file.path}\n`);
}
