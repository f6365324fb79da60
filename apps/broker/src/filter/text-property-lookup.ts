import type { PropertyLookup } from '@rocketmq-ts/filter';
import { findMessageProperty } from '@rocketmq-ts/model';

/** A message's properties text (docs/remoting-protocol.md#message-records) as an SQL92 filter reads it: the long-polling wake-up check. */
export class TextPropertyLookup implements PropertyLookup {
  private text = '';

  reset(text: string): this {
    this.text = text;
    return this;
  }

  get(name: string): string | undefined {
    return findMessageProperty(this.text, name);
  }
}
