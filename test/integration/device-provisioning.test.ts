// Provisioning a real device through the API and the command line against a running cityguard:
// the credential issued works on the embedded broker and its telemetry is stored; issuing again
// cuts off the old one; a gateway credential speaks for its devices only; enrollment tokens come
// from device security; only admins may do any of it.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoConfig, startRuntime, type Runtime } from '../../src/app/runtime/index.js';
import { silentLogger } from '../../src/platform/log/index.js';
import { connectDevice, until } from './ingest-support.js';

let runtime: Runtime;
let admin: string;
let viewer: string;
const clients: MqttClient[] = [];

beforeAll(async () => {
  const base = demoConfig({ port: 0, dataDir: mkdtempSync(join(tmpdir(), 'cg-provision-')), attackAfterS: 3, speed: 1, seed: 1, mqttPort: 0, syslogPort: 0 });
  runtime = await startRuntime({ ...base, twin: { ...base.twin, enabled: false } }, { logger: silentLogger() });
  admin = await runtime.createToken('it-admin', 'admin');
  viewer = await runtime.createToken('it-viewer', 'viewer');
}, 60_000);
afterAll(async () => {
  for (const c of clients) await c.endAsync(true).catch(() => undefined);
  await runtime?.stop();
});

async function post<T>(path: string, token: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${runtime.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as T };
}

const reading = (current: number) => JSON.stringify({ metrics: { closed: true, current_a: current, voltage_kv: 20.1, load_mw: 1.2, mode: 'remote' } });
const TOPIC = 'city/north/breaker/ss-north-f1/telemetry';

async function storedCurrents(): Promise<number[]> {
  const page = await runtime.store.events.query({ assetId: 'ss-north-f1', type: 'telemetry', limit: 50 });
  return page.items.map((e) => Number((e as { metrics: Record<string, number> }).metrics['current_a']));
}

describe('device provisioning', () => {
  it('issues a device credential that logs in and streams, and a second issue cuts the first off', async () => {
    const first = await post<{ username: string; password: string; replaced: boolean }>('/api/devices/ss-north-f1/credentials', admin);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ username: 'ss-north-f1', replaced: false });
    const device = await connectDevice(runtime.ingest.broker!.port, first.body.username, first.body.password);
    clients.push(device);
    await device.publishAsync(TOPIC, reading(111.5), { qos: 1 });
    await until(async () => (await storedCurrents()).includes(111.5));

    const second = await post<{ password: string; replaced: boolean }>('/api/devices/ss-north-f1/credentials', admin);
    expect(second.body.replaced).toBe(true);
    await until(async () => !device.connected);
    await expect(connectDevice(runtime.ingest.broker!.port, 'ss-north-f1', first.body.password)).rejects.toThrow();
    const again = await connectDevice(runtime.ingest.broker!.port, 'ss-north-f1', second.body.password);
    clients.push(again);
    await again.publishAsync(TOPIC, reading(222.5), { qos: 1 });
    await until(async () => (await storedCurrents()).includes(222.5));
  });

  it('refuses viewers, unknown devices and gateways for devices the city does not have', async () => {
    expect((await post('/api/devices/ss-north-f1/credentials', viewer)).status).toBe(403);
    expect((await post<{ error: string }>('/api/devices/no-such-device/credentials', admin)).body.error).toBe('CG_INGEST_UNKNOWN_DEVICE');
    expect((await post('/api/devices/no-such-device/credentials', admin)).status).toBe(404);
    expect((await post('/api/gateways/seg-1/credentials', admin, { devices: ['no-such-device'] })).status).toBe(404);
    expect((await post('/api/gateways/seg-1/credentials', admin, { devices: [] })).status).toBe(400);
  });

  it('issues a one-time enrollment token for end-to-end keys, recorded by device security', async () => {
    const t = await post<{ deviceId: string; token: string; expiresAt: string }>('/api/devices/ss-north-f2/enrollment-token', admin);
    expect(t.status).toBe(200);
    expect(t.body.deviceId).toBe('ss-north-f2');
    expect(t.body.token.length).toBeGreaterThan(20);
    expect(Date.parse(t.body.expiresAt)).toBeGreaterThan(Date.now());
    expect((await post('/api/devices/no-such-device/enrollment-token', admin)).status).toBe(404);
  });

  it('follows the readings a provisioned device sends with events tail', async () => {
    const { password } = (await post<{ password: string }>('/api/devices/ss-north-f4/credentials', admin)).body;
    const device = await connectDevice(runtime.ingest.broker!.port, 'ss-north-f4', password);
    clients.push(device);
    const tail = promisify(execFile)(process.execPath, ['bin/cityguard.js', 'events', 'tail', '--asset', 'ss-north-f4', '--count', '1', '--json', '--interval-ms', '200', '--url', runtime.url, '--token', viewer], { timeout: 60_000 });
    const topic = 'city/north/breaker/ss-north-f4/telemetry';
    const sending = setInterval(() => void device.publishAsync(topic, reading(333.5), { qos: 1 }), 500);
    try {
      const line = JSON.parse((await tail).stdout.trim()) as { assetId: string; type: string; metrics: Record<string, number> };
      expect(line).toMatchObject({ assetId: 'ss-north-f4', type: 'telemetry', metrics: { current_a: 333.5 } });
    } finally {
      clearInterval(sending);
    }
  }, 90_000);

  it('prints credentials as CSV from the command line', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['bin/cityguard.js', 'devices', 'credentials', 'ss-north-f3', 'ss-north-in', '--url', runtime.url, '--token', admin], { timeout: 60_000 });
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toBe('username,password,replaced');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['ss-north-f3', 'ss-north-in']);
    expect(lines[1]!.split(',')[1]!.length).toBeGreaterThanOrEqual(40);
    const failed = await promisify(execFile)(process.execPath, ['bin/cityguard.js', 'devices', 'credentials', 'nope', '--url', runtime.url, '--token', viewer], { timeout: 60_000 }).catch((e: { code: number; stderr: string }) => e);
    expect('code' in failed && failed.code).not.toBe(0);
    expect((failed as { stderr: string }).stderr).toMatch(/CG_API_FORBIDDEN/);
  }, 90_000);
});
