// `cityguard certs`: demo TLS material for the embedded MQTT broker and the API — a private CA and
// a server certificate — made with node:crypto only (no openssl binary needed).
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { createDemoPki } from '../../../platform/crypto/index.js';
import { intOption } from '../command-options.js';

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Registers `cityguard certs`. */
export function registerCertsCommand(program: Command): void {
  program
    .command('certs')
    .description('Make a demo CA and a server certificate (ECDSA P-256) for MQTT over TLS and HTTPS')
    .requiredOption('--out-dir <dir>', 'where to write ca.pem, ca-key.pem, server.pem and server-key.pem')
    .option('--host <name>', 'DNS name or IP the server certificate is for (repeatable)', collect)
    .option('--days <n>', 'validity in days', intOption, 30)
    .option('--force', 'overwrite existing files')
    .action(async (o: { outDir: string; host?: string[]; days: number; force?: boolean }) => {
      const files = ['ca.pem', 'ca-key.pem', 'server.pem', 'server-key.pem'].map((f) => join(o.outDir, f));
      const existing = files.filter((f) => existsSync(f));
      if (existing.length > 0 && !o.force) {
        console.error(`refusing to overwrite ${existing.join(', ')} (use --force)`);
        process.exitCode = 1;
        return;
      }
      const pki = createDemoPki({ serverNames: o.host ?? ['localhost', '127.0.0.1', '::1'], validDays: o.days });
      await mkdir(o.outDir, { recursive: true });
      await writeFile(files[0]!, pki.caCertPem);
      await writeFile(files[1]!, pki.caKeyPem, { mode: 0o600 });
      await writeFile(files[2]!, pki.serverCertPem);
      await writeFile(files[3]!, pki.serverKeyPem, { mode: 0o600 });
      console.log(`wrote ${files.join(', ')}`);
      console.log('broker: mqtt.embedded.tls = { certFile: server.pem, keyFile: server-key.pem }; clients trust ca.pem');
    });
}
