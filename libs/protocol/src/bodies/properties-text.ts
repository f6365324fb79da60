/**
 * The properties text of GET_BROKER_CONFIG (26), UPDATE_BROKER_CONFIG (25), GET_NAMESRV_CONFIG (319)
 * and UPDATE_NAMESRV_CONFIG (318): `key=value` lines, as Java's MixAll.properties2String writes
 * and Properties.load reads. Reading follows Properties.load for what admin tools send: blank
 * lines and `#`/`!` comments skipped, the first `=` or `:` splits, whitespace around the key and
 * before the value trimmed, backslash escapes of `\t \n \r \\ \= \:` and `\uXXXX` undone.
 */
export const PropertiesText = {
  encode(entries: Iterable<readonly [string, string]>): Buffer {
    let text = '';
    for (const [key, value] of entries) text += `${key}=${value}\n`;
    return Buffer.from(text, 'utf8');
  },

  decode(bytes: Buffer | string): Map<string, string> {
    const text = typeof bytes === 'string' ? bytes : bytes.toString('utf8');
    const result = new Map<string, string>();
    for (const rawLine of text.split(/\r?\n|\r/)) {
      const line = rawLine.trimStart();
      if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
      const split = separatorIndex(line);
      const key = unescape(split < 0 ? line.trimEnd() : line.slice(0, split).trimEnd());
      const value = split < 0 ? '' : unescape(line.slice(split + 1).trimStart());
      result.set(key, value);
    }
    return result;
  },
};

function separatorIndex(line: string): number {
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (char === '\\') i++;
    else if (char === '=' || char === ':') return i;
  }
  return -1;
}

const ESCAPES: Readonly<Record<string, string>> = { t: '\t', n: '\n', r: '\r', f: '\f' };

function unescape(text: string): string {
  if (!text.includes('\\')) return text;
  return text.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_match, escaped: string) => {
    if (escaped.length === 5) return String.fromCharCode(parseInt(escaped.slice(1), 16));
    return ESCAPES[escaped] ?? escaped;
  });
}
