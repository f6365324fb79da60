import { hashPassword } from './password-hash';

/**
 * `console-api hash-password`: reads one password from stdin (so it is in no shell history or
 * process list) and prints the hash for usersFile. Refuses fewer than 8 characters.
 */
export async function hashPasswordCommand(): Promise<number> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const password = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  if (password.length < 8) {
    process.stderr.write('console-api hash-password: give a password of at least 8 characters on stdin\n');
    return 2;
  }
  process.stdout.write(`${await hashPassword(password)}\n`);
  return 0;
}
