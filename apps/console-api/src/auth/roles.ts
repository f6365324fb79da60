import { SetMetadata } from '@nestjs/common';

/** `viewer` reads; `admin` also changes things (topics, groups, offsets, sends, resends, config). */
export const ROLES = ['viewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const REQUIRED_ROLE = 'console:required-role';
export const PUBLIC_ROUTE = 'console:public';

/**
 * Every handler declares what it needs; the global guard denies a handler that declares nothing
 * (a spec walks the router for that), so a new route cannot be open by omission.
 */
export const RequireRole = (role: Role): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_ROLE, role);
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);

export function roleAllows(have: Role, need: Role): boolean {
  return need === 'viewer' || have === 'admin';
}
