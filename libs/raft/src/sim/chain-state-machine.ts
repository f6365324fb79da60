import type { RaftStateMachine } from '../api';

/** FNV-1a over the bytes, folded into the running hash: any change in order or content changes it. */
function fold(hash: number, bytes: Uint8Array, index: number): number {
  let h = (hash ^ index) >>> 0;
  for (const byte of bytes) h = Math.imul(h ^ byte, 0x01000193) >>> 0;
  return h;
}

export interface AppliedObserver {
  (index: number, command: Uint8Array, hashAfter: number): void;
}

/**
 * The simulator's state machine: a hash chain over every applied (index, command). Two nodes agree
 * at index i exactly when their hashes after i are equal. `apply` returns the new hash.
 */
export class ChainStateMachine implements RaftStateMachine {
  private hash = 0x811c9dc5;
  private lastIndex = 0;

  constructor(private readonly observe: AppliedObserver) {}

  apply(command: Uint8Array, index: number): number {
    if (index <= this.lastIndex) throw new Error(`state machine: index ${index} applied after ${this.lastIndex}`);
    this.hash = fold(this.hash, command, index);
    this.lastIndex = index;
    this.observe(index, command, this.hash);
    return this.hash;
  }

  snapshot(): Uint8Array {
    const bytes = new Uint8Array(12);
    const view = new DataView(bytes.buffer);
    view.setUint32(0, this.hash);
    view.setFloat64(4, this.lastIndex);
    return bytes;
  }

  restore(snapshot: Uint8Array): void {
    const view = new DataView(snapshot.buffer, snapshot.byteOffset, snapshot.byteLength);
    this.hash = view.getUint32(0);
    this.lastIndex = view.getFloat64(4);
  }

  get state(): { hash: number; lastIndex: number } {
    return { hash: this.hash, lastIndex: this.lastIndex };
  }
}
