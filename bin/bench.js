#!/usr/bin/env node
// `npm run bench -- <name> [options]` runs bench/<name>/run.ts through tsx (each bench writes its
// own RESULTS.md); without a name it lists the benches.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../bench/', import.meta.url));
const names = readdirSync(root).filter((n) => existsSync(`${root}${n}/run.ts`)).sort();
const [name, ...rest] = process.argv.slice(2);
if (!name || !names.includes(name)) {
  if (name) console.error(`no bench named '${name}'`);
  console.log(`usage: npm run bench -- <name> [options]\nbenches: ${names.join(', ')}\nEach writes bench/<name>/RESULTS.md; options are listed at the top of bench/<name>/run.ts.`);
  process.exit(name ? 2 : 0);
}
const run = spawnSync(process.execPath, ['--import', 'tsx', `${root}${name}/run.ts`, ...rest], { stdio: 'inherit' });
process.exit(run.status ?? 1);
