// Picks the Store implementation named by the configuration.
import { join } from 'node:path';
import type { RuntimeConfig } from '../../domain/index.js';
import { PostgresStore, SqliteStore, type Store } from '../../platform/store/index.js';

/** Opens and migrates the configured store. */
export async function openStore(config: RuntimeConfig): Promise<Store> {
  const store = createStore(config);
  try {
    await store.migrate();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

function createStore(config: RuntimeConfig): Store {
  switch (config.store.kind) {
    case 'sqlite':
      return new SqliteStore({ path: config.store.path ?? join(config.dataDir, 'cityguard.sqlite') });
    case 'postgres': {
      const { url, schema, poolSize } = config.store;
      return new PostgresStore({ url, ...(schema !== undefined ? { schema } : {}), ...(poolSize !== undefined ? { poolSize } : {}) });
    }
  }
}
