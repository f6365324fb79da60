// Output: dist/apps/console-api/main.js (the shared Nest app build, see tools/webpack). The web UI
// it serves is built by console-web into dist/apps/console-web (webRoot).
const { nestAppWebpackConfig } = require('../../tools/webpack/nest-app.webpack.cjs');

module.exports = nestAppWebpackConfig(__dirname);
