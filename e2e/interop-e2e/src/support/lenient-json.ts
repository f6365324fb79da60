/**
 * Parses fastjson output, which may use bare numeric map keys (`{0:"127.0.0.1:10911"}`), by quoting
 * such keys outside string literals and handing the result to JSON.parse.
 */
export function parseLenientJson(text: string): unknown {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (inString) {
      out += c;
      if (c === '\\') {
        out += text[i + 1] ?? '';
        i++;
      } else if (c === '"') {
        inString = false;
      }
      continue;
    }
    if (c === '"') {
      inString = true;
      out += c;
      continue;
    }
    if (c === '{' || c === ',') {
      out += c;
      const match = /^(\s*)(-?\d+)(\s*):/.exec(text.slice(i + 1));
      if (match) {
        out += `${match[1] ?? ''}"${match[2] ?? ''}"${match[3] ?? ''}:`;
        i += match[0].length;
      }
      continue;
    }
    out += c;
  }
  return JSON.parse(out) as unknown;
}

export function asRecord(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`${what} is not an object: ${JSON.stringify(value)}`);
  return value as Record<string, unknown>;
}

export function asArray(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw new Error(`${what} is not an array: ${JSON.stringify(value)}`);
  return value;
}

export function asString(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new Error(`${what} is not a string: ${JSON.stringify(value)}`);
  return value;
}

export function asNumber(value: unknown, what: string): number {
  if (typeof value !== 'number') throw new Error(`${what} is not a number: ${JSON.stringify(value)}`);
  return value;
}

export function asStringRecord(value: unknown, what: string): Record<string, string> {
  const record = asRecord(value, what);
  const out: Record<string, string> = {};
  for (const [key, item] of Object.entries(record)) out[key] = asString(item, `${what}.${key}`);
  return out;
}
