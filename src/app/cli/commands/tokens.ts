// `cityguard tokens …`: API tokens for people and integrations, kept hashed in the store.
import type { Command } from 'commander';
import { Roles, type Role } from '../../../contracts/index.js';
import { ApiTokens } from '../../api/index.js';
import { loadRuntimeConfig, openStore, demoStoreConfig } from '../../runtime/index.js';

interface StoreOptions {
  config?: string;
  dataDir: string;
}

async function withTokens<T>(o: StoreOptions, fn: (tokens: ApiTokens) => Promise<T>): Promise<T> {
  const store = await openStore(o.config ? loadRuntimeConfig(o.config) : demoStoreConfig(o.dataDir));
  try {
    return await fn(await ApiTokens.open(store.state));
  } finally {
    await store.close();
  }
}

function parseRole(value: string): Role {
  if (!(Roles as readonly string[]).includes(value)) throw new Error(`role must be one of ${Roles.join(', ')}`);
  return value as Role;
}

/** Registers `cityguard tokens create|list|revoke`. */
export function registerTokensCommand(program: Command): void {
  const tokens = program.command('tokens').description('Manage API tokens (roles: viewer, operator, admin)');
  const storeOptions = (c: Command) =>
    c
      .option('--config <file>', 'deployment configuration naming the store')
      .option('--data-dir <dir>', 'data directory of an embedded (SQLite) deployment', './.cityguard');
  storeOptions(
    tokens
      .command('create')
      .description('Create a token and print it once')
      .requiredOption('--user <name>', 'who the token is for (shown in the audit trail)')
      .requiredOption('--role <role>', 'viewer, operator or admin', parseRole),
  ).action((o: StoreOptions & { user: string; role: Role }) =>
    withTokens(o, async (t) => console.log(await t.create(o.user, o.role, Date.now()))),
  );
  storeOptions(tokens.command('list').description('List who has tokens, without the secrets')).action((o: StoreOptions) =>
    withTokens(o, async (t) => {
      for (const p of t.list()) console.log(`${p.user}\t${p.role}\t${new Date(p.createdTs).toISOString()}`);
    }),
  );
  storeOptions(
    tokens.command('revoke').description('Revoke every token of a user').requiredOption('--user <name>', 'whose tokens to revoke'),
  ).action((o: StoreOptions & { user: string }) =>
    withTokens(o, async (t) => console.log(`revoked ${await t.revokeUser(o.user)} token(s) of ${o.user}`)),
  );
}
