import { readJson } from '../json/json-reader';
import { writeJsonBuffer } from '../json/json-writer';
import { BodyReader } from './body-fields';

/**
 * KVTable: string map body of GET_KVLIST_BY_NAMESPACE (219), GET_BROKER_RUNTIME_INFO (28) and the
 * REGISTER_BROKER reply (order topic config). JSON:
 *   {"table":{"k":"v",...}}
 */
export interface KVTable {
  readonly table: ReadonlyMap<string, string>;
}

const NAME = 'KVTable';

export const KVTable = {
  encode(kv: KVTable): Buffer {
    return writeJsonBuffer({ table: kv.table });
  },

  decode(bytes: Buffer | string): KVTable {
    const fields = BodyReader.of(NAME, readJson(bytes));
    const table = new Map<string, string>();
    const values = fields.child('table');
    for (const [key] of fields.stringKeyedEntries('table')) table.set(key, values.string(key));
    return { table };
  },
};
