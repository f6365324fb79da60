import { describe, expect, it } from 'vitest';

import { defineConfigSchema } from '../schema/define-config-schema';
import { port, string } from '../schema/validators';
import { loadConfigForProcess } from './load-config-for-process';

const schema = defineConfigSchema({ listenPort: port(9876), brokerName: string('broker-a') });

function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const outcome = loadConfigForProcess(schema, {
    argv,
    env: {},
    usage: 'usage: mqtest [-c <file>]',
    writeOut: (text) => out.push(text),
    writeErr: (text) => err.push(text),
  });
  return { outcome, out: out.join(''), err: err.join('') };
}

describe('Config > loadConfigForProcess', () => {
  it('runs with the loaded config when the command line is valid', () => {
    const { outcome, out, err } = run(['--listenPort=9000']);
    expect(outcome.kind === 'run' && outcome.loaded.config.listenPort).toBe(9000);
    expect(out + err).toBe('');
  });

  it('prints usage for -h and the effective config for -p, then exits 0', () => {
    const help = run(['-h']);
    expect(help.outcome).toEqual({ kind: 'exit', exitCode: 0 });
    expect(help.out).toContain('usage: mqtest');
    const print = run(['-p', '--brokerName=b']);
    expect(print.outcome).toEqual({ kind: 'exit', exitCode: 0 });
    expect(print.out).toContain('brokerName=b');
  });

  it('names every bad key and warns about unknown ones, then exits 1', () => {
    const { outcome, err } = run(['--listenPort=abc', '--listenPrt=1']);
    expect(outcome).toEqual({ kind: 'exit', exitCode: 1 });
    expect(err).toContain('listenPort');
    expect(err).toContain('warning:');
    expect(err).toContain('listenPrt');
  });
});
