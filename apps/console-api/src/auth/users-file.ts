import { readFileSync } from 'node:fs';

import { z } from 'zod';

import { isPasswordHash } from './password-hash';
import { ROLES, type Role } from './roles';
import { errorMessage } from '@rocketmq-ts/base';

/**
 * The accounts file: `{"users":[{"name":"alice","role":"admin","passwordHash":"scrypt$…"}]}`.
 * Plain-text passwords are refused at start, with the line that makes a hash.
 */
const usersFileSchema = z.object({
  users: z
    .array(
      z.object({
        name: z.string().regex(/^[A-Za-z0-9_.@-]{1,64}$/, 'a name is 1-64 letters, digits, _ . @ -'),
        role: z.enum(ROLES),
        passwordHash: z.string().refine(isPasswordHash, 'not a scrypt hash; make one with `bin/console-api hash-password`'),
      }),
    )
    .min(1, 'at least one account'),
});

export interface ConsoleUser {
  readonly name: string;
  readonly role: Role;
  readonly passwordHash: string;
}

export class UsersFileError extends Error {
  override readonly name = 'UsersFileError';
}

export function loadUsersFile(path: string): ReadonlyMap<string, ConsoleUser> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsersFileError(`usersFile ${path}: ${errorMessage(error)}`);
  }
  const parsed = usersFileSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new UsersFileError(`usersFile ${path}: ${problems.join('; ')}`);
  }
  const users = new Map<string, ConsoleUser>();
  for (const user of parsed.data.users) {
    if (users.has(user.name)) throw new UsersFileError(`usersFile ${path}: user ${user.name} appears twice`);
    users.set(user.name, user);
  }
  return users;
}
