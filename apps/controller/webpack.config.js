// Output: dist/apps/controller/main.js (the shared Nest app build, see tools/webpack).
const { nestAppWebpackConfig } = require('../../tools/webpack/nest-app.webpack.cjs');

module.exports = nestAppWebpackConfig(__dirname);
