// Output: dist/apps/mqadmin/main.js (mqadmin) and mqshutdown.js, self-contained bundles for the
// release (tools/release) — bin/mqadmin in the repository runs the sources instead.
const { nestAppWebpackConfig } = require('../../tools/webpack/nest-app.webpack.cjs');

module.exports = nestAppWebpackConfig(__dirname, {
  additionalEntryPoints: [{ entryName: 'mqshutdown', entryPath: './src/shutdown/mqshutdown-main.ts' }],
});
