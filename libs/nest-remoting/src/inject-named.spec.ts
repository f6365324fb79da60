import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { describe, expect, it } from 'vitest';

import { injectNamed } from './inject-named';

const GREETING = Symbol('GREETING');
const COUNT = 'COUNT';

@Injectable()
class Punctuation {
  readonly mark = '!';
}

class Greeter {
  constructor(readonly line: string) {}
}

interface GreeterDeps {
  readonly count: number;
  readonly greeting: string;
  readonly punctuation: Punctuation;
}

describe('injectNamed', () => {
  it('lists the tokens in the order of the record and hands the factory one object by name', () => {
    const provider = injectNamed({ greeting: GREETING, count: COUNT, punctuation: Punctuation }, (deps: GreeterDeps) => deps);
    expect(provider.inject).toEqual([GREETING, COUNT, Punctuation]);
    const mark = new Punctuation();
    expect(provider.useFactory('hello', 3, mark)).toEqual({ greeting: 'hello', count: 3, punctuation: mark });
  });

  it('resolves every named dependency through a real Nest container', async () => {
    @Module({
      providers: [
        Punctuation,
        { provide: GREETING, useValue: 'hello' },
        { provide: COUNT, useValue: 2 },
        {
          provide: Greeter,
          ...injectNamed(
            { count: COUNT, greeting: GREETING, punctuation: Punctuation },
            (deps: GreeterDeps) => new Greeter(`${deps.greeting}${deps.punctuation.mark.repeat(deps.count)}`),
          ),
        },
      ],
    })
    class GreeterModule {}
    const moduleRef = await Test.createTestingModule({ imports: [GreeterModule] }).compile();
    expect(moduleRef.get(Greeter).line).toBe('hello!!');
    await moduleRef.close();
  });
});
