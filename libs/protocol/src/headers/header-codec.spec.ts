import { describe, expect, it } from 'vitest';

import { field } from './field';
import { headerCodec } from './header-codec';
import { HeaderError } from './header-error';

const Example = headerCodec('ExampleHeader', {
  label: field.string().optional(),
  topic: field.string(),
  queueId: field.int(),
  offset: field.long().optional().absentWhen('empty'),
  token: field.exactLong(),
  order: field.boolean().default(false),
  note: field.string().optional().absentWhen('blank'),
  brokerName: field.string().optional().key('bname'),
});

describe('Protocol > headers > codecs from field lists', () => {
  it('writes the always-present fields first, then the defined optional ones, each in list order, as text', () => {
    const ext = Example.encode({
      label: 'l',
      topic: 'T',
      queueId: 3,
      token: 2n ** 63n - 1n,
      order: true,
      brokerName: 'b',
      offset: undefined,
    });
    expect(Object.entries(ext)).toEqual([
      ['topic', 'T'],
      ['queueId', '3'],
      ['token', '9223372036854775807'],
      ['order', 'true'],
      ['label', 'l'],
      ['bname', 'b'],
    ]);
  });

  it('reads every property in list order, defaults and empty or blank text as absent', () => {
    const header = Example.decode({ topic: 'T', queueId: '-0', token: '7', offset: '', note: '  ', bname: 'b' });
    expect(Object.entries(header)).toEqual([
      ['label', undefined],
      ['topic', 'T'],
      ['queueId', 0],
      ['offset', undefined],
      ['token', 7n],
      ['order', false],
      ['note', undefined],
      ['brokerName', 'b'],
    ]);
  });

  it('names the header and the wire key of the first bad field', () => {
    expect(() => Example.decode(undefined)).toThrow(new HeaderError('ExampleHeader', 'topic', 'missing'));
    expect(() => Example.decode({ topic: 'T', queueId: 'x', token: 'y' })).toThrow('ExampleHeader.queueId: not an integer: "x"');
    expect(() => Example.decode({ topic: 'T', queueId: '1', token: '1', offset: ' ' })).toThrow(
      'ExampleHeader.offset: not an integer: " "',
    );
  });

  it('refuses a field name that is not a plain identifier when the module loads', () => {
    expect(() => headerCodec('Bad', { 'a-b': field.string() })).toThrow('header field name "a-b" is not a plain identifier');
    expect(() => headerCodec('Bad', { a: field.string().key('x y') })).toThrow('header field name "x y" is not a plain identifier');
  });
});
