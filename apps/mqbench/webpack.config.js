// Output: dist/apps/mqbench/main.js, a self-contained bundle for the release (tools/release).
const { nestAppWebpackConfig } = require('../../tools/webpack/nest-app.webpack.cjs');

module.exports = nestAppWebpackConfig(__dirname);
