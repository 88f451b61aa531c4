// Drills in the running platform: `serve` with a drills section arms the schedule, and an operator
// starts a drill over real HTTP; it plays on an isolated copy of the twin (the live store holds no
// alert or incident from it) and its scorecard is polled until it is finished.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { contentPath, startRuntime, type Runtime } from '../../src/app/runtime/index.js';
import type { DrillHistory, DrillRun } from '../../src/contracts/index.js';
import { RuntimeConfig } from '../../src/domain/index.js';
import { loadContentText } from '../../src/platform/content/index.js';
import { silentLogger } from '../../src/platform/log/index.js';

vi.setConfig({ testTimeout: 900_000, hookTimeout: 120_000 }); // a whole simulated city on a shared machine

const dataDir = mkdtempSync(join(tmpdir(), 'cityguard-drills-'));
let runtime: Runtime;
const token: Record<string, string> = {};

async function api<T>(who: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${runtime.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token[who]}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as T };
}

beforeAll(async () => {
  const config = loadContentText<RuntimeConfig>(
    `
city: ${JSON.stringify(contentPath('cities', 'sample-city.yaml'))}
dataDir: ${JSON.stringify(dataDir)}
api: { host: 127.0.0.1, port: 0 }
mqtt: { embedded: { enabled: false } }
syslog: { enabled: false }
ledger: { enabled: false }
drills: { at: "mon-fri 02:30", scenarios: [traffic-signal-tampering] }
`,
    'drill runtime test',
    RuntimeConfig,
  );
  runtime = await startRuntime(config, { logger: silentLogger() });
  token['otto'] = await runtime.createToken('otto', 'operator');
});

afterAll(async () => {
  await runtime?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('drills in the running platform', () => {
  it('runs an operator’s drill on an isolated twin copy and serves its scorecard', async () => {
    const started = await api<DrillRun>('otto', 'POST', '/api/drills', { scenario: 'traffic-signal-tampering', response: 'auto' });
    expect(started.status).toBe(202);
    let run = started.body;
    while (run.status === 'queued' || run.status === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 500));
      run = (await api<DrillRun>('otto', 'GET', `/api/drills/${started.body.id}`)).body;
    }
    expect(run).toMatchObject({ status: 'finished', detected: true, trigger: 'api', requestedBy: 'otto', playbooks: ['traffic-signal-tampering'] });
    expect((await api<DrillHistory>('otto', 'GET', '/api/drills')).body.items.map((d) => d.id)).toContain(run.id);
    // The drill's alerts, incidents and actions stayed in its own world.
    expect((await runtime.store.alerts.list({ limit: 10 })).items).toEqual([]);
    expect((await runtime.store.incidents.list({ limit: 10 })).items).toEqual([]);
    expect((await runtime.store.actions.list({ limit: 10 })).items).toEqual([]);
  });
});
