#!/usr/bin/env node
// Entry point for `npx cityguard`. The TypeScript sources run from a transpiled copy in
// .build-src/ (esbuild, under a second): loading ~540 modules through tsx's loader hooks costs
// seconds on every command. The copy is rebuilt whenever a source is newer than it; where it
// cannot be written (a read-only install), the sources run through tsx as before.
// .build-src/ mirrors src/ at the same depth, so paths made from import.meta.url still land in
// the package root (content/, web/dist/).
import { readdirSync, renameSync, rmSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const srcDir = join(root, 'src');
const buildDir = join(root, '.build-src');

/** Every source that runs, and a fingerprint of their names and modification times. */
function sources() {
  const files = [];
  let newest = 0;
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.endsWith('.d.ts')) {
        files.push(p);
        newest = Math.max(newest, statSync(p).mtimeMs);
      }
    }
  };
  walk(srcDir);
  return { files, stamp: `${files.length} ${newest}` };
}

async function build(files, stamp) {
  const esbuild = createRequire(import.meta.url)('esbuild');
  const tmp = `${buildDir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  await esbuild.build({ entryPoints: files, outdir: tmp, outbase: srcDir, format: 'esm', platform: 'node', target: 'node20', logLevel: 'error' });
  writeFileSync(join(tmp, '.stamp'), stamp);
  const old = `${buildDir}.old-${process.pid}`;
  try {
    renameSync(buildDir, old);
  } catch {
    // no earlier build, or another process is replacing it
  }
  try {
    renameSync(tmp, buildDir);
  } catch {
    rmSync(tmp, { recursive: true, force: true }); // another process put its fresh build in place first
  }
  rmSync(old, { recursive: true, force: true });
}

async function compiledMain() {
  try {
    const { files, stamp } = sources();
    let current = '';
    try {
      current = readFileSync(join(buildDir, '.stamp'), 'utf8');
    } catch {
      // not built yet
    }
    if (current !== stamp) {
      await build(files, stamp);
      if (readFileSync(join(buildDir, '.stamp'), 'utf8') !== stamp) return undefined;
    }
    return (await import(pathToFileURL(join(buildDir, 'app', 'cli', 'main.js')).href)).main;
  } catch {
    return undefined;
  }
}

let main = await compiledMain();
if (!main) {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/app/cli/main.ts'));
}
process.exitCode = await main(process.argv);
