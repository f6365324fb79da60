import 'reflect-metadata';

import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { describe, expect, it } from 'vitest';

import { CONSOLE_CONTROLLERS } from '../console.module';
import { PUBLIC_ROUTE, REQUIRED_ROLE } from './roles';

/** Deny by default (docs/console.md#security): every route declares a role or is public on purpose. */
describe('console-api > route roles', () => {
  const routes = CONSOLE_CONTROLLERS.flatMap((controller) =>
    Object.getOwnPropertyNames(controller.prototype)
      .filter((name) => name !== 'constructor')
      .map((name) => ({ controller, name, handler: (controller.prototype as unknown as Record<string, object>)[name] as object }))
      .filter(
        ({ handler }) =>
          Reflect.getMetadata(PATH_METADATA, handler) !== undefined && Reflect.getMetadata(METHOD_METADATA, handler) !== undefined,
      ),
  );

  it('finds the routes', () => {
    expect(routes.length).toBeGreaterThan(30);
  });

  it('has a role or an explicit @Public() on every route, and only login, session, health are public', () => {
    const undeclared = routes.filter(
      ({ controller, handler }) =>
        Reflect.getMetadata(REQUIRED_ROLE, handler) === undefined &&
        Reflect.getMetadata(PUBLIC_ROUTE, handler) !== true &&
        Reflect.getMetadata(REQUIRED_ROLE, controller) === undefined,
    );
    expect(undeclared.map(({ controller, name }) => `${controller.name}.${name}`)).toEqual([]);
    const open = routes
      .filter(({ handler }) => Reflect.getMetadata(PUBLIC_ROUTE, handler) === true)
      .map(({ controller, name }) => `${controller.name}.${name}`);
    expect(open.sort()).toEqual(['MetricsController.health', 'SessionController.current', 'SessionController.login']);
  });

  it('requires admin for every change except logging out', () => {
    const READ = 0;
    const changes = routes.filter(
      ({ handler }) => Reflect.getMetadata(METHOD_METADATA, handler) !== READ && Reflect.getMetadata(PUBLIC_ROUTE, handler) !== true,
    );
    const notAdmin = changes
      .filter(({ handler }) => Reflect.getMetadata(REQUIRED_ROLE, handler) !== 'admin')
      .map(({ controller, name }) => `${controller.name}.${name}`);
    expect(notAdmin).toEqual(['SessionController.logout']);
  });
});
