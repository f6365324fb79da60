// Output: dist/loadtests/main.js, a self-contained bundle for the compose stack's `loadtest` image
// (the shared app build, see tools/webpack). Shipped scenarios are compiled in; a scenario file
// given by path must be JavaScript there (bin/loadtest compiles TypeScript ones on the host).
const { join } = require('node:path');

const { nestAppWebpackConfig } = require('../tools/webpack/nest-app.webpack.cjs');

module.exports = {
  ...nestAppWebpackConfig(__dirname, { outputPath: join(__dirname, '../dist/loadtests') }),
  // hdr-histogram-js ships source maps that name .ts files it does not ship.
  ignoreWarnings: [/Failed to parse source map/],
};
