import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isCityguardError } from '../../../domain/index.js';
import { loadTechniqueTable } from './technique-table.js';

describe('technique table', () => {
  it('loads the shipped ATT&CK for ICS table with names and tactics', () => {
    const table = loadTechniqueTable();
    expect(table.size).toBeGreaterThan(70);
    expect(table.get('T0855')).toMatchObject({ name: 'Unauthorized Command Message', tactics: ['impair-process-control'] });
    expect(table.get('T9999')).toBeUndefined();
  });

  it('refuses a table whose techniques are not in the expected shape', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cg-attack-'));
    const path = join(dir, 't.json');
    writeFileSync(path, JSON.stringify({ source: 'x', tactics: [], techniques: [{ id: 'X1', name: 'n', tactics: ['impact'] }] }));
    expect(() => loadTechniqueTable(path)).toThrowError(/techniques\/0\/id/);
    let thrown: unknown;
    try {
      loadTechniqueTable(join(dir, 'missing.json'));
    } catch (err) {
      thrown = err;
    }
    expect(isCityguardError(thrown, 'CG_DETECTION_ATTACK_TABLE_INVALID')).toBe(true);
  });
});
