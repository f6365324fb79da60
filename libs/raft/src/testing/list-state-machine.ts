import type { RaftStateMachine } from '../api';

/** A state machine for specs: the list of applied commands as text. `apply` returns the list length. */
export class ListStateMachine implements RaftStateMachine {
  items: string[] = [];

  apply(command: Uint8Array): number {
    this.items.push(Buffer.from(command).toString('utf8'));
    return this.items.length;
  }

  snapshot(): Uint8Array {
    return Buffer.from(JSON.stringify(this.items), 'utf8');
  }

  restore(snapshot: Uint8Array): void {
    this.items = JSON.parse(Buffer.from(snapshot).toString('utf8')) as string[];
  }
}
