import type { Clock, Logger } from '@rocketmq-ts/base';
import type { MessageStore, StoreConfig } from '@rocketmq-ts/store';

import { InMemoryMessageStore } from './in-memory-message-store';

/**
 * Opens the broker's message store. Until libs/store's DefaultMessageStore lands this returns the
 * in-memory store (and says so at warn level): messages do not survive a restart.
 */
export function openMessageStore(storeConfig: StoreConfig, deps: { readonly clock: Clock; readonly logger: Logger }): Promise<MessageStore> {
  deps.logger.warn({ storePathRootDir: storeConfig.storePathRootDir }, 'DefaultMessageStore not available yet: using the in-memory store');
  return Promise.resolve(new InMemoryMessageStore(deps.clock));
}
