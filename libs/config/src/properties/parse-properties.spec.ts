import { describe, expect, it } from 'vitest';

import { parseProperties, parsePropertyEntries, PropertiesSyntaxError } from './parse-properties';

describe('Config > properties', () => {
  it('accepts the three separators and trims around them', () => {
    const parsed = parseProperties('a=1\nb: 2\nc 3\n  d  =  4  \ne\t:\tfive six\n');
    expect(Object.fromEntries(parsed)).toEqual({ a: '1', b: '2', c: '3', d: '4', e: 'five six' });
  });

  it('skips # and ! comments and blank lines, with any line ending', () => {
    const parsed = parseProperties('# comment\r\n! also a comment\r\n\r\n   \rkey=value\r# tail');
    expect(Object.fromEntries(parsed)).toEqual({ key: 'value' });
  });

  it('joins backslash-continued lines and drops the next line leading blanks', () => {
    const parsed = parseProperties('list=a,\\\n    b,\\\n\tc\nnext=1');
    expect(Object.fromEntries(parsed)).toEqual({ list: 'a,b,c', next: '1' });
  });

  it('does not continue on an even number of trailing backslashes', () => {
    const parsed = parseProperties('path=C:\\\\dir\\\\\nother=x');
    expect(Object.fromEntries(parsed)).toEqual({ path: 'C:\\dir\\', other: 'x' });
  });

  it('treats a # inside a continuation as value text, not a comment', () => {
    const parsed = parseProperties('k=one \\\n  # two');
    expect(parsed.get('k')).toBe('one # two');
  });

  it('decodes \\uXXXX, \\n, \\t and escaped separators in keys and values', () => {
    const parsed = parseProperties('na\\=me\\ x=caf\\u00e9\\n\\tend\nk\\:2=\\#not-comment');
    expect(parsed.get('na=me x')).toBe('café\n\tend');
    expect(parsed.get('k:2')).toBe('#not-comment');
  });

  it('keeps an escaped trailing blank but trims plain ones', () => {
    const parsed = parseProperties('a=x\\ \nb=y   ');
    expect(parsed.get('a')).toBe('x ');
    expect(parsed.get('b')).toBe('y');
  });

  it('gives a key with no value the empty string, and lets the last duplicate win', () => {
    const parsed = parseProperties('flag\nk=1\nk=2');
    expect(parsed.get('flag')).toBe('');
    expect(parsed.get('k')).toBe('2');
  });

  it('records the line where each logical line starts', () => {
    const entries = parsePropertyEntries('# c\n\na=1\\\n 2\nb=3');
    expect(entries).toEqual([
      { key: 'a', value: '12', lineNumber: 3 },
      { key: 'b', value: '3', lineNumber: 5 },
    ]);
  });

  it('reports a malformed \\u escape with its line number', () => {
    expect(() => parseProperties('ok=1\nbad=\\u12G4')).toThrow(PropertiesSyntaxError);
    expect(() => parseProperties('ok=1\nbad=\\u12G4')).toThrow(/line 2: malformed/);
  });
});
