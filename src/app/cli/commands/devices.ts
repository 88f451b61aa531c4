// `cityguard devices …`: provision real devices through a running cityguard's API — the MQTT
// credential each device or field gateway logs in with, and the one-time token a device enrolls
// its end-to-end keys with. Prints CSV for the technician's provisioning sheet; secrets are shown once.
import type { Command } from 'commander';
import { apiOptions, callApi, type ApiOptions } from '../api-client.js';

const csv = (cells: string[]) => cells.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');

/** Registers `cityguard devices credentials|gateway|enrollment-token`. */
export function registerDevicesCommand(program: Command): void {
  const devices = program.command('devices').description('Provision devices: MQTT credentials and end-to-end enrollment tokens (admin)');
  apiOptions(
    devices
      .command('credentials <assetIds...>')
      .description('Issue each device its MQTT credential (username = asset id) and print username,password as CSV; an earlier credential stops working'),
    'admin API token',
  ).action(async (ids: string[], o: ApiOptions) => {
    console.log('username,password,replaced');
    for (const id of ids) {
      const c = await callApi<{ username: string; password: string; replaced: boolean }>(o, 'POST', `/api/devices/${encodeURIComponent(id)}/credentials`);
      console.log(csv([c.username, c.password, String(c.replaced)]));
    }
  });
  apiOptions(
    devices
      .command('gateway <name>')
      .description('Issue a field gateway (segment controller, LoRaWAN server) one credential that publishes for the listed devices only')
      .requiredOption('--devices <ids>', 'comma-separated asset ids behind the gateway'),
    'admin API token',
  ).action(async (name: string, o: ApiOptions & { devices: string }) => {
    const list = o.devices.split(',').map((d) => d.trim()).filter(Boolean);
    const c = await callApi<{ username: string; password: string }>(o, 'POST', `/api/gateways/${encodeURIComponent(name)}/credentials`, { devices: list });
    console.log(`username,password\n${csv([c.username, c.password])}`);
  });
  apiOptions(
    devices.command('enrollment-token <assetIds...>').description('Issue one-time tokens devices enroll their end-to-end keys with (devices.e2e on)'),
    'admin API token',
  ).action(async (ids: string[], o: ApiOptions) => {
    console.log('device,token,expires');
    for (const id of ids) {
      const t = await callApi<{ deviceId: string; token: string; expiresAt: string }>(o, 'POST', `/api/devices/${encodeURIComponent(id)}/enrollment-token`);
      console.log(csv([t.deviceId, t.token, t.expiresAt]));
    }
  });
}
