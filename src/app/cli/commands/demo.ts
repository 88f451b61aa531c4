// `cityguard demo`: the sample city with everything embedded, streaming, and attacked on schedule.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { RuntimeConfig } from '../../../domain/index.js';
import { ApiTokens } from '../../api/index.js';
import { demoConfig, openStore, startRuntime } from '../../runtime/index.js';
import { intOption, numberOption, waitForShutdown } from '../command-options.js';

/** Registers `cityguard demo`. */
export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('Run the simulated sample city with every part embedded; a Ukraine-2015-style attack starts after a delay')
    .option('--port <port>', 'dashboard and API port', intOption, 8080)
    .option('--data-dir <dir>', 'where state, the ledger and admin.token are kept', './.cityguard')
    .option('--attack-after <seconds>', 'wall-clock seconds before the attack starts', numberOption, 90)
    .option('--speed <factor>', 'simulated seconds per real second: the attack’s 35 minutes play out in 3½ at 10', numberOption, 10)
    .option('--seed <n>', 'seed of the simulation, for repeatable runs', intOption, 2015)
    .option('--mqtt-port <port>', 'embedded MQTT broker port (never 1883: a real broker may use it)', intOption, 18830)
    .option('--syslog-port <port>', 'syslog receiver port (UDP and TCP)', intOption, 15514)
    .option(
      '--scenario <id>',
      'attack scenario to play instead of ukraine-2015 (repeatable; `cityguard scenarios list` shows them, e.g. process-anomaly/water-pump-slow-throttle)',
      (id: string, ids: string[] = []) => [...ids, id],
    )
    .action(async (o: { port: number; dataDir: string; attackAfter: number; speed: number; seed: number; mqttPort: number; syslogPort: number; scenario?: string[] }) => {
      const config = demoConfig({
        port: o.port,
        dataDir: o.dataDir,
        attackAfterS: o.attackAfter,
        speed: o.speed,
        seed: o.seed,
        mqttPort: o.mqttPort,
        syslogPort: o.syslogPort,
        ...(o.scenario ? { scenarios: o.scenario } : {}),
      });
      // The token exists before the API answers, so whoever sees /api/health can already use it.
      const tokenFile = await writeAdminToken(config);
      const runtime = await startRuntime(config, { pretty: process.stdout.isTTY });
      console.log(`\ncityguard demo: ${runtime.city.city.city.name}, ${runtime.city.assets.size} devices`);
      console.log(`  dashboard  ${runtime.url}/`);
      console.log(`  API docs   ${runtime.url}/docs`);
      console.log(`  token      ${tokenFile}  (curl -H "Authorization: Bearer $(cat ${tokenFile})" ${runtime.url}/api/incidents)`);
      console.log(`  attack     ${(o.scenario ?? ['ukraine-2015']).join(', ')} in ${o.attackAfter} s; the city runs ${o.speed}× faster than real time\n`);
      await waitForShutdown(() => runtime.stop());
    });
}

/** Issues an admin token into the store and writes it to `<data-dir>/admin.token`, readable by the owner only. */
async function writeAdminToken(config: RuntimeConfig): Promise<string> {
  const store = await openStore(config);
  try {
    const tokens = await ApiTokens.open(store.state);
    await tokens.revokeUser('demo-admin'); // one live demo token: the previous run's stops working
    const token = await tokens.create('demo-admin', 'admin', Date.now());
    mkdirSync(config.dataDir, { recursive: true });
    const tokenFile = join(config.dataDir, 'admin.token');
    writeFileSync(tokenFile, `${token}\n`, { mode: 0o600 });
    chmodSync(tokenFile, 0o600);
    return tokenFile;
  } finally {
    await store.close();
  }
}
