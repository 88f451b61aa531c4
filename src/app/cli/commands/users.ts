// `cityguard users …`: accounts for logging in to the dashboard. The password is read from stdin
// (never an argument, which would land in shell history and `ps`), and only its scrypt hash is kept.
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import type { Command } from 'commander';
import { CityguardError } from '../../../domain/index.js';
import { Roles, type Role } from '../../../contracts/index.js';
import { UserAccounts } from '../../api/index.js';
import { demoStoreConfig, loadRuntimeConfig, openStore } from '../../runtime/index.js';

interface StoreOptions {
  config?: string;
  dataDir: string;
}

async function withAccounts<T>(o: StoreOptions, fn: (accounts: UserAccounts) => Promise<T>): Promise<T> {
  const store = await openStore(o.config ? loadRuntimeConfig(o.config) : demoStoreConfig(o.dataDir));
  try {
    return await fn(new UserAccounts(store.state));
  } finally {
    await store.close();
  }
}

function parseRole(value: string): Role {
  if (!(Roles as readonly string[]).includes(value)) throw new Error(`role must be one of ${Roles.join(', ')}`);
  return value as Role;
}

/** Reads the first line of stdin; on a terminal it asks for it without echoing what is typed. */
export function readPasswordLine(input: NodeJS.ReadableStream & { isTTY?: boolean } = process.stdin): Promise<string> {
  const terminal = input.isTTY === true;
  if (terminal) process.stderr.write('password: ');
  const silent = new Writable({ write: (_chunk, _enc, done) => done() });
  const rl = createInterface({ input, output: silent, terminal });
  return new Promise((resolve, reject) => {
    let answered = false;
    rl.once('line', (line) => {
      answered = true;
      rl.close();
      if (terminal) process.stderr.write('\n');
      resolve(line);
    });
    rl.once('close', () => {
      if (!answered) reject(new CityguardError('CG_USERS_NO_PASSWORD', 'no password on stdin: pipe it in, e.g. printf "%s\\n" "$PASSWORD" | cityguard users create …'));
    });
  });
}

/** Registers `cityguard users create|list|remove`. */
export function registerUsersCommand(program: Command): void {
  const users = program.command('users').description('Manage dashboard user accounts (roles: viewer, operator, admin)');
  const storeOptions = (c: Command) =>
    c
      .option('--config <file>', 'deployment configuration naming the store')
      .option('--data-dir <dir>', 'data directory of an embedded (SQLite) deployment', './.cityguard');
  storeOptions(
    users
      .command('create')
      .description('Create an account; the password (at least 12 characters) is read from stdin')
      .requiredOption('--user <name>', 'login name, shown in the audit trail')
      .requiredOption('--role <role>', 'viewer, operator or admin', parseRole),
  ).action(async (o: StoreOptions & { user: string; role: Role }) => {
    const password = await readPasswordLine();
    UserAccounts.checkNew(o.user, password); // before the store is opened: a refusal needs no database
    await withAccounts(o, async (a) => {
      await a.create(o.user, o.role, password, Date.now());
      console.log(`created ${o.user} (${o.role})`);
    });
  });
  storeOptions(users.command('list').description('List accounts and their roles')).action((o: StoreOptions) =>
    withAccounts(o, async (a) => {
      for (const u of await a.list()) console.log(`${u.user}\t${u.role}\t${new Date(u.createdTs).toISOString()}`);
    }),
  );
  storeOptions(users.command('remove').description('Remove an account').requiredOption('--user <name>', 'whose account')).action(
    (o: StoreOptions & { user: string }) =>
      withAccounts(o, async (a) => {
        const removed = await a.remove(o.user);
        console.log(removed ? `removed ${o.user}` : `no user ${o.user}`);
        if (!removed) process.exitCode = 1;
      }),
  );
}
