import { createHash } from 'node:crypto';

import { at } from '@rocketmq-ts/base';

/**
 * Java's ConsistentHashRouter default hash: the first four bytes of the UTF-8 key's MD5, big
 * endian, as an unsigned 32-bit number.
 */
export function md5RingHash(key: string): number {
  return createHash('md5').update(key, 'utf8').digest().readUInt32BE(0);
}

/**
 * A hash ring of members with `virtualNodeCount` points each (`<member>-<i>`), routing a key to the
 * first point at or after its hash, wrapping around. Built as Java's ConsistentHashRouter builds
 * its TreeMap: a point hashed equal to an earlier one replaces it.
 */
export class ConsistentHashRing {
  private readonly pointHashes: number[];
  private readonly pointOwners: string[];

  constructor(
    members: readonly string[],
    virtualNodeCount: number,
    private readonly hash: (key: string) => number = md5RingHash,
  ) {
    const ring = new Map<number, string>();
    const replicasSoFar = new Map<string, number>();
    for (const member of members) {
      // Java counts replicas already on the ring so a member listed twice gets fresh point names.
      const existing = replicasSoFar.get(member) ?? 0;
      for (let i = 0; i < virtualNodeCount; i += 1) ring.set(hash(`${member}-${i + existing}`), member);
      replicasSoFar.set(member, existing + virtualNodeCount);
    }
    this.pointHashes = [...ring.keys()].sort((left, right) => left - right);
    this.pointOwners = this.pointHashes.map((point) => ring.get(point) as string);
  }

  /** The member owning `key`, or undefined on an empty ring. */
  route(key: string): string | undefined {
    if (this.pointHashes.length === 0) return undefined;
    const target = this.hash(key);
    let low = 0;
    let high = this.pointHashes.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (at(this.pointHashes, middle, 'ring points') < target) low = middle + 1;
      else high = middle;
    }
    return this.pointOwners[low === this.pointHashes.length ? 0 : low];
  }
}
