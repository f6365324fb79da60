/**
 * Whitelist patterns of plain_acl.yml (`globalWhiteRemoteAddresses`, an account's
 * `whiteRemoteAddress`), compiled once at load (docs/security.md#whitelists):
 *
 * - blank: matches nothing; `*`, `*.*.*.*`, `*:*:*:*:*:*:*:*`: every address;
 * - `a,b,c`: any of the listed addresses; `192.168.1.{1,2,3}`: the same, written short;
 * - IPv4 with per-part `*` or `lo-hi` (`10.10.*.*`, `192.168.1.1-100`): every part must fit;
 * - anything else: that one address, compared as text (IPv6 addresses written in full).
 *
 * A pattern that cannot be compiled is a config error reported with the file, never a silent
 * "match nothing".
 */
import { at } from '@rocketmq-ts/base';

export type AddressMatcher = (ip: string) => boolean;

export type CompiledMatcher = { readonly ok: true; readonly match: AddressMatcher } | { readonly ok: false; readonly reason: string };

const NOTHING: AddressMatcher = () => false;
const EVERYTHING: AddressMatcher = () => true;

export function compileAddressPattern(pattern: string | undefined): CompiledMatcher {
  const text = pattern?.trim() ?? '';
  if (text === '') return { ok: true, match: NOTHING };
  if (text === '*' || text === '*.*.*.*' || text === '*:*:*:*:*:*:*:*') return { ok: true, match: EVERYTHING };
  if (text.endsWith('}')) return compileBraces(text);
  if (text.includes(',')) return compileList(text.split(','));
  if (text.includes('*') || text.includes('-')) return compileIpv4Ranges(text);
  return compileOne(text);
}

function compileBraces(text: string): CompiledMatcher {
  const open = text.lastIndexOf('{');
  const separator = text.includes(':') ? ':' : '.';
  if (open <= 0 || text[open - 1] !== separator) return { ok: false, reason: `'${text}': braces must hold the last part of the address` };
  const prefix = text.slice(0, open);
  return compileList(
    text
      .slice(open + 1, -1)
      .split(',')
      .map((part) => prefix + part.trim()),
  );
}

function compileList(items: readonly string[]): CompiledMatcher {
  const matchers: AddressMatcher[] = [];
  for (const item of items) {
    const compiled = compileOne(item.trim());
    if (!compiled.ok) return compiled;
    matchers.push(compiled.match);
  }
  return { ok: true, match: (ip) => matchers.some((match) => match(ip)) };
}

function compileOne(text: string): CompiledMatcher {
  if (text.includes(':')) return { ok: true, match: (ip) => ip.toLowerCase() === text.toLowerCase() };
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every(isOctet)) return { ok: false, reason: `'${text}' is not an IPv4 address` };
  return { ok: true, match: (ip) => ip === text };
}

function compileIpv4Ranges(text: string): CompiledMatcher {
  const parts = text.split('.');
  if (parts.length !== 4) return { ok: false, reason: `'${text}': a range pattern needs four IPv4 parts` };
  const ranges: Array<readonly [number, number]> = [];
  for (const part of parts) {
    if (part === '*') {
      ranges.push([0, 255]);
      continue;
    }
    const dash = part.indexOf('-');
    const lo = dash < 0 ? part : part.slice(0, dash);
    const hi = dash < 0 ? part : part.slice(dash + 1);
    if (!isOctet(lo) || !isOctet(hi) || Number(lo) > Number(hi))
      return { ok: false, reason: `'${text}': part '${part}' is not *, a number 0-255 or lo-hi` };
    ranges.push([Number(lo), Number(hi)]);
  }
  return {
    ok: true,
    match: (ip) => {
      const octets = ip.split('.');
      if (octets.length !== 4) return false;
      for (let i = 0; i < 4; i++) {
        const value = Number(octets[i]);
        const [lo, hi] = at(ranges, i, 'octet ranges');
        if (!isOctet(at(octets, i, 'octets')) || value < lo || value > hi) return false;
      }
      return true;
    },
  };
}

function isOctet(text: string): boolean {
  return /^\d{1,3}$/.test(text) && Number(text) <= 255;
}
