import { randomBytes } from 'node:crypto';

import type { Message } from '@rocketmq-ts/client';

import type { MessageOptions, SizeProfile } from '../config/scenario-options';

/** Properties every message of a run carries, so consumers account for it (and only for it). */
export const RUN_PROPERTY = 'LT_RUN';
export const SEQ_PROPERTY = 'LT_SEQ';

/** Bodies are made once per size and shared by every send, as Apache's benchmark does. */
function bodyOf(size: number): Buffer {
  return Buffer.from(
    randomBytes(Math.ceil(size / 2))
      .toString('hex')
      .slice(0, size),
    'latin1',
  );
}

/**
 * The messages of a run: topic, a body from the size profile (a weighted mix picked by a fixed
 * deterministic cycle, so a short run still gets every size in proportion), optional KEYS and
 * TAGS, and the run id and sequence number consumers check against.
 */
export class MessageFactory {
  private readonly bodies: readonly Buffer[];
  private tagIndex = 0;

  constructor(
    private readonly topic: string,
    private readonly testid: string,
    private readonly options: MessageOptions = {},
  ) {
    this.bodies = cycleOf(options.size ?? 1024).map(bodyOf);
  }

  get sizes(): readonly number[] {
    return this.bodies.map((body) => body.length);
  }

  build(
    seq: number,
    extra: { readonly properties?: Readonly<Record<string, string>>; readonly tags?: string; readonly keys?: string } = {},
  ): Message {
    const { tags } = this.options;
    const tag = extra.tags ?? (tags === undefined || tags.length === 0 ? undefined : tags[this.tagIndex++ % tags.length]);
    const keys = extra.keys ?? (this.options.keys === true ? `${this.testid}-${seq}` : undefined);
    return {
      topic: this.topic,
      body: this.bodies[seq % this.bodies.length] as Buffer,
      ...(tag === undefined ? {} : { tags: tag }),
      ...(keys === undefined ? {} : { keys }),
      properties: { ...extra.properties, [RUN_PROPERTY]: this.testid, [SEQ_PROPERTY]: String(seq) },
    };
  }
}

/**
 * A weighted profile as a list of sizes in which each size appears in proportion to its weight
 * (weights scaled so the rarest non-zero one appears once), interleaved largest-count first.
 */
export function cycleOf(profile: SizeProfile): number[] {
  if (typeof profile === 'number') return [profile];
  const weighted = profile.filter((entry) => entry.weight > 0);
  const smallest = Math.min(...weighted.map((entry) => entry.weight));
  const counts = weighted.map((entry) => ({ size: entry.size, left: Math.round(entry.weight / smallest) }));
  const cycle: number[] = [];
  while (counts.some((entry) => entry.left > 0)) {
    for (const entry of counts) {
      if (entry.left <= 0) continue;
      cycle.push(entry.size);
      entry.left -= 1;
    }
  }
  return cycle;
}
