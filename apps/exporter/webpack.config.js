// Nest needs decorator metadata, so the build goes through tsc (ts-loader), never esbuild/swc-less
// bundlers that drop emitDecoratorMetadata. Output: dist/apps/exporter/main.js.
const { join } = require('node:path');

const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');

module.exports = {
  output: {
    path: join(__dirname, '../../dist/apps/exporter'),
    clean: true,
  },
  plugins: [
    new NxAppWebpackPlugin({
      target: 'node',
      compiler: 'tsc',
      main: './src/main.ts',
      tsConfig: './tsconfig.app.json',
      optimization: false,
      outputHashing: 'none',
      generatePackageJson: false,
      sourceMap: true,
    }),
  ],
};
