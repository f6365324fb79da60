/**
 * The controller as a library, for a name server with enableControllerInNamesrv=true that runs from
 * the release bundles: built as `controller-process.js` next to the controller's main.js
 * (apps/controller/webpack.config.js), loaded at run time by apps/namesrv/src/embedded-controller.ts.
 * Importing it starts nothing. From source the name server loads controller-process.ts directly.
 */
import 'reflect-metadata';

export { runControllerProcess } from './controller-process';
