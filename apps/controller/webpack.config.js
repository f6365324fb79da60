// Output: dist/apps/controller/main.js (the shared Nest app build, see tools/webpack), and
// controller-process.js: the same controller as a CommonJS module that starts nothing, which a
// bundled name server with enableControllerInNamesrv=true loads from ../controller/ (one app never
// imports another at build time; docs/controller.md#embedded-in-the-name-server).
const { nestAppWebpackConfig } = require('../../tools/webpack/nest-app.webpack.cjs');

const config = nestAppWebpackConfig(__dirname, {
  additionalEntryPoints: [{ entryName: 'controller-process', entryPath: './src/embedded-entry.ts' }],
});
// Each bundle's exports become its module.exports (main.js exports nothing, so it is unchanged).
config.output.library = { type: 'commonjs2' };
module.exports = config;
