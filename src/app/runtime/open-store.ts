// Picks the Store implementation named by the configuration.
import { join } from 'node:path';
import type { RuntimeConfig } from '../../domain/index.js';
import { SqliteStore, type Store } from '../../platform/store/index.js';

/** Opens and migrates the configured store. */
export async function openStore(config: RuntimeConfig): Promise<Store> {
  const store = createStore(config);
  await store.migrate();
  return store;
}

function createStore(config: RuntimeConfig): Store {
  switch (config.store.kind) {
    case 'sqlite':
      return new SqliteStore({ path: config.store.path ?? join(config.dataDir, 'cityguard.sqlite') });
    case 'postgres':
      throw new Error('the PostgreSQL store is not available in this build yet (issue 9)');
  }
}
