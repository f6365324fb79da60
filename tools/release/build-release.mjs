#!/usr/bin/env node
// npm run release: the release bundle rocketmq-ts-<version>-linux.tar.gz under dist/release/.
//
//   rocketmq-ts-<version>/
//     bin/      mqnamesrv mqbroker mqcontroller mqexporter console-api mqadmin mqshutdown mqbench loadtest (packaging/launcher.sh)
//     lib/      one self-contained webpack bundle per command (node_modules compiled in: the bundle
//               needs Node >= 20.19 and nothing else, and compiles no TypeScript at start)
//     conf/     every mode's broker files (conf/ of the repository)
//     dashboards/  the Grafana dashboards (compose/grafana/dashboards)
//     LICENSE NOTICE THIRD-PARTY-LICENSES.txt README.md
//
// Options: --no-build (use the dist/ bundles as they are), --out DIR (default dist/release).
// Prints the tarball's path and size. packaging/nfpm.yaml builds the .deb and .rpm from the tree.
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

/** Licences the bundles may contain (we ship under Apache-2.0; see NOTICE): an SPDX expression of only these. */
const PERMISSIVE =
  /^\(?((MIT|ISC|Apache-2\.0|BSD-2-Clause|BSD-3-Clause|0BSD|MIT-0|Zlib|CC0-1\.0|Unlicense|BlueOak-1\.0\.0)( (OR|AND) |\)?$))+$/;
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const { values } = parseArgs({ options: { 'no-build': { type: 'boolean' }, out: { type: 'string' } } });
const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
const name = `rocketmq-ts-${version}`;
const outDir = values.out ?? join(ROOT, 'dist/release');
const stage = join(outDir, name);

/** command → [nx project, its bundle dir under dist/, the bundle file]. */
const COMMANDS = {
  mqnamesrv: ['namesrv', 'dist/apps/namesrv', 'main.js'],
  mqbroker: ['broker', 'dist/apps/broker', 'main.js'],
  mqexporter: ['exporter', 'dist/apps/exporter', 'main.js'],
  mqcontroller: ['controller', 'dist/apps/controller', 'main.js'],
  mqadmin: ['mqadmin', 'dist/apps/mqadmin', 'main.js'],
  mqshutdown: ['mqadmin', 'dist/apps/mqadmin', 'mqshutdown.js'],
  mqbench: ['mqbench', 'dist/apps/mqbench', 'main.js'],
  loadtest: ['loadtests', 'dist/loadtests', 'main.js'],
  'console-api': ['console-api', 'dist/apps/console-api', 'main.js'],
};
/** Built next to console-api's bundle, where it looks for them: the web UI, Swagger UI's static files. */
const CONSOLE_WEB = 'dist/apps/console-web';
const SWAGGER_UI_FILES = [
  'swagger-ui.css',
  'swagger-ui-bundle.js',
  'swagger-ui-standalone-preset.js',
  'favicon-32x32.png',
  'favicon-16x16.png',
  'index.css',
];
/** Packages shipped without a source map naming them: the web UI's (Vite bundle) and Swagger UI's files. */
const SHIPPED_WITHOUT_MAPS = ['react', 'react-dom', 'scheduler', '@mantine/core', '@mantine/hooks', 'uplot', 'swagger-ui-dist'];

if (!values['no-build']) {
  const projects = [...new Set([...Object.values(COMMANDS).map(([project]) => project), 'console-web'])];
  execFileSync('npx', ['nx', 'run-many', '-t', 'build', '-p', ...projects, '--outputStyle=static'], { cwd: ROOT, stdio: 'inherit' });
}

rmSync(stage, { recursive: true, force: true });
mkdirSync(join(stage, 'bin'), { recursive: true });
const launcher = readFileSync(join(ROOT, 'packaging/launcher.sh'), 'utf8');
const bundled = new Set();
for (const [command, [, distDir, file]] of Object.entries(COMMANDS)) {
  const libDir = join('lib', relative(join(ROOT, 'dist'), join(ROOT, distDir)).replace(/^apps\//, ''));
  if (!existsSync(join(ROOT, distDir, file))) throw new Error(`${distDir}/${file} missing: run without --no-build`);
  if (!bundled.has(distDir)) {
    cpSync(join(ROOT, distDir), join(stage, libDir), { recursive: true });
    bundled.add(distDir);
  }
  const script = join(stage, 'bin', command);
  writeFileSync(script, launcher.replace('@BUNDLE@', `${libDir}/${file}`));
  chmodSync(script, 0o755);
}
cpSync(join(ROOT, CONSOLE_WEB), join(stage, 'lib/console-api/web'), { recursive: true });
for (const file of SWAGGER_UI_FILES) cpSync(join(ROOT, 'node_modules/swagger-ui-dist', file), join(stage, 'lib/console-api', file));
cpSync(join(ROOT, 'conf'), join(stage, 'conf'), { recursive: true });
cpSync(join(ROOT, 'compose/grafana/dashboards'), join(stage, 'dashboards'), { recursive: true });
for (const file of ['LICENSE', 'NOTICE']) cpSync(join(ROOT, file), join(stage, file));
cpSync(join(ROOT, 'packaging/README.release.md'), join(stage, 'README.md'));
const licences = thirdPartyLicences(stage);
const refused = licences.filter((entry) => !PERMISSIVE.test(entry.licence));
if (refused.length > 0)
  throw new Error(
    `bundled packages under a licence we do not ship: ${refused.map((entry) => `${entry.name} (${entry.licence})`).join(', ')}`,
  );
writeFileSync(
  join(stage, 'THIRD-PARTY-LICENSES.txt'),
  [
    'Third-party npm packages compiled into the bundles under lib/, with the licence each declares:',
    '',
    ...licences.map((entry) => `${entry.name}@${entry.version}  ${entry.licence}`),
    '',
  ].join('\n'),
);

const tarball = join(outDir, `${name}-linux.tar.gz`);
// Owner and times fixed: two builds of one tree give the same archive listing.
execFileSync('tar', ['--owner=0', '--group=0', '--numeric-owner', '--sort=name', '-czf', tarball, '-C', outDir, name], {
  stdio: 'inherit',
});
console.log(`${relative(ROOT, tarball)}  ${(statSync(tarball).size / 1024 / 1024).toFixed(1)} MiB`);

/**
 * The npm packages compiled into the bundles, read from their source maps (webpack names each
 * module's path), with each package's licence field: what NOTICE promises.
 */
function thirdPartyLicences(tree) {
  const packages = new Map();
  for (const map of listFiles(join(tree, 'lib')).filter((file) => file.endsWith('.js.map'))) {
    for (const source of JSON.parse(readFileSync(map, 'utf8')).sources ?? []) {
      const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(source);
      if (match === null) continue;
      const packageName = match[1];
      // A package's own source map may name files of its build tree (@js-sdsl/.build-data/...):
      // not a package; the package itself is listed under its real path.
      if (packageName.split('/').some((part) => part.startsWith('.'))) continue;
      if (packages.has(packageName)) continue;
      packages.set(packageName, describePackage(packageName));
    }
  }
  for (const packageName of SHIPPED_WITHOUT_MAPS) {
    if (!packages.has(packageName)) packages.set(packageName, describePackage(packageName));
  }
  return [...packages.values()].sort((left, right) => left.name.localeCompare(right.name));
}

function describePackage(packageName) {
  const manifest = join(ROOT, 'node_modules', packageName, 'package.json');
  const meta = existsSync(manifest) ? JSON.parse(readFileSync(manifest, 'utf8')) : {};
  // `license` (SPDX), or the old `licenses: [{ type }]` form some packages still use.
  const licence =
    typeof meta.license === 'string'
      ? meta.license
      : (meta.license?.type ?? meta.licenses?.map((entry) => entry.type).join(' OR ') ?? 'UNKNOWN');
  return { name: packageName, version: meta.version ?? '?', licence };
}

function listFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}
