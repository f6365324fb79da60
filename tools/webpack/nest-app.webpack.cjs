// The webpack config every Nest app builds with. Nest needs decorator metadata, so the build goes
// through tsc (ts-loader), never a bundler compiler that drops emitDecoratorMetadata.
const { basename, join } = require('node:path');

const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');

/** Builds `<appDir>/src/main.ts` into dist/apps/<name>/main.js. */
function nestAppWebpackConfig(appDir) {
  const name = basename(appDir);
  return {
    output: {
      path: join(appDir, '../../dist/apps', name),
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
}

module.exports = { nestAppWebpackConfig };
