// The console's web UI must be built before console-api can serve it. The launcher builds it once
// (Vite, ~15 s) when dist/apps/console-web is missing or older than its sources.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function ensureConsoleWeb(root, terminal) {
  const built = join(root, 'dist', 'apps', 'console-web', 'index.html');
  const sources = join(root, 'apps', 'console-web');
  if (existsSync(built) && statSync(built).mtimeMs >= newestMtime(sources)) return true;
  terminal.say('building the console web UI (apps/console-web → dist/apps/console-web)');
  const result = spawnSync(
    join(root, 'node_modules', '.bin', 'vite'),
    ['build', '--logLevel', 'warn', '--config', join(sources, 'vite.config.mts')],
    { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' },
  );
  if (result.status === 0) return true;
  terminal.say(
    `the console web UI did not build (${result.stderr?.trim().split('\n').slice(-3).join(' | ') || `exit ${result.status}`}); the console serves its API only`,
    { error: true },
  );
  return false;
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}
