import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

describe('error catalogue', () => {
  const used = new Set<string>();
  for (const file of sourceFiles('src')) {
    for (const m of readFileSync(file, 'utf8').matchAll(/['"`](CG_[A-Z0-9_]+)['"`]/g)) used.add(m[1]!);
  }
  const documented = new Set([...readFileSync('docs/errors.md', 'utf8').matchAll(/^\| `(CG_[A-Z0-9_]+)` \|/gm)].map((m) => m[1]!));

  it('documents every error code the source raises', () => {
    expect([...used].filter((c) => !documented.has(c))).toEqual([]);
  });

  it('lists no code the source no longer raises', () => {
    expect([...documented].filter((c) => !used.has(c))).toEqual([]);
  });
});
