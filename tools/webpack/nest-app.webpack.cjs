// The webpack config every Nest app builds with. Nest needs decorator metadata, so the build goes
// through tsc (ts-loader), never a bundler compiler that drops emitDecoratorMetadata.
// The bundle is self-contained (node_modules compiled in), so a container image needs only Node
// and main.js: no npm install in the image, a small image and a fast cold start.
const { basename, join } = require('node:path');

const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { IgnorePlugin } = require('webpack');

// Packages Nest and Express require only when an app uses them (microservices, websockets,
// validation pipes, view engines). None of ours does; left unresolved they would fail the bundle.
const OPTIONAL_LAZY_MODULES = new Set([
  '@nestjs/microservices',
  '@nestjs/microservices/microservices-module',
  '@nestjs/websockets/socket-module',
  '@nestjs/websockets',
  'class-validator',
  'class-transformer',
  'class-transformer/storage',
  '@fastify/static',
]);

/**
 * Builds `<appDir>/src/main.ts` into dist/apps/<name>/main.js, or into `outputPath` for a project
 * outside apps/ (the load-test runner: dist/loadtests). `additionalEntryPoints` add bundles next to
 * main.js ({ entryName, entryPath }: mqadmin's mqshutdown.js).
 */
function nestAppWebpackConfig(appDir, { outputPath = join(appDir, '../../dist/apps', basename(appDir)), additionalEntryPoints = [] } = {}) {
  return {
    output: {
      path: outputPath,
      clean: true,
    },
    plugins: [
      new NxAppWebpackPlugin({
        target: 'node',
        compiler: 'tsc',
        main: './src/main.ts',
        additionalEntryPoints,
        tsConfig: './tsconfig.app.json',
        optimization: false,
        outputHashing: 'none',
        generatePackageJson: false,
        externalDependencies: 'none',
        sourceMap: true,
      }),
      new IgnorePlugin({
        checkResource(resource) {
          if (!OPTIONAL_LAZY_MODULES.has(resource)) return false;
          try {
            require.resolve(resource, { paths: [appDir] });
            return false;
          } catch {
            return true;
          }
        },
      }),
    ],
  };
}

module.exports = { nestAppWebpackConfig };
