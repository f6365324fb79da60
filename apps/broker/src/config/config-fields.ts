import { networkInterfaces } from 'node:os';

import { at, parseHostPort, splitAddressList } from '@rocketmq-ts/base';
import { type ConfigField, type FieldOptions, ok, rejected } from '@rocketmq-ts/config';

/**
 * Broker-specific config field kinds the generic builders of @rocketmq-ts/config do not cover:
 * a `;`-separated `host:port` list and RocketMQ's delay-level table. Both keep the operator's
 * text as the value (so `-p` prints what was given) and only validate it.
 */

/** `host:port[;host:port...]`, or empty (no name server: the broker then serves standalone). */
export function addressList(defaultValue: string, options: FieldOptions = {}): ConfigField<string> {
  return {
    defaultValue,
    expected: 'a ";"-separated list of host:port',
    env: options.env,
    description: options.description,
    parse: (raw) => {
      const entries = splitAddressList(raw);
      const valid = entries.every((entry) => parseHostPort(entry) !== undefined);
      return valid ? ok(entries.join(';')) : rejected;
    },
    format: (value) => value,
  };
}

/** One `host:port`, or empty (not set). */
export function optionalHostPort(options: FieldOptions = {}): ConfigField<string> {
  return {
    defaultValue: '',
    expected: 'host:port (or empty)',
    env: options.env,
    description: options.description,
    parse: (raw) => {
      const text = raw.trim();
      if (text === '') return ok('');
      return parseHostPort(text) !== undefined ? ok(text) : rejected;
    },
    format: (value) => value,
  };
}

const DELAY_UNIT_MS: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * RocketMQ's `messageDelayLevel`, e.g. `1s 5s 10s 30s 1m ... 2h`: level N (1-based) waits the Nth
 * entry. Undefined when any entry is malformed.
 */
export function parseMessageDelayLevel(text: string): number[] | undefined {
  const parts = text.trim().split(/\s+/);
  const delaysMs: number[] = [];
  for (const part of parts) {
    const match = /^(\d+)([smhd])$/.exec(part);
    if (!match) return undefined;
    const unitMs = DELAY_UNIT_MS[at(match, 2, 'delay unit group')];
    if (unitMs === undefined) return undefined;
    delaysMs.push(Number(match[1]) * unitMs);
  }
  return delaysMs.length > 0 ? delaysMs : undefined;
}

export function delayLevels(defaultValue: string, options: FieldOptions = {}): ConfigField<string> {
  return {
    defaultValue,
    expected: 'space-separated durations such as "1s 5s 1m 2h"',
    env: options.env,
    description: options.description,
    parse: (raw) => (parseMessageDelayLevel(raw) === undefined ? rejected : ok(raw.trim().split(/\s+/).join(' '))),
    format: (value) => value,
  };
}

/** Java's default brokerIP1: the first non-loopback IPv4 address of this host, else 127.0.0.1. */
export function firstExternalIpv4(): string {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) {
      if (address.family === 'IPv4' && !address.internal) return address.address;
    }
  }
  return '127.0.0.1';
}
