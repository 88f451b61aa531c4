// Raw decoding speed (issue 4 §6). Usage: npx tsx bench/decode/run.ts [--repeat N]
// Stages on the same captures held in memory: capture records only; + link/network/transport
// layers; + flow table, TCP reassembly and the protocol decoders (what `analyze` and the detector
// run). Captures: the Lemay and IoT-23 sets from ../shared/data when present, and the generated
// test captures. Writes bench/decode/RESULTS.md.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TrafficDecoder, decodePacket, readCaptureBytes } from '../../src/engines/protocols/index.js';
import { timeStage, type StageSpeed } from '../detect-network/speed.js';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const repeat = args.includes('--repeat') ? Number(args[args.indexOf('--repeat') + 1]) : 3;
const shared = join(here, '../../../shared/data');

function files(dir: string, pattern: RegExp): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => pattern.test(f)).map((f) => join(dir, f)) : [];
}

/** Small captures are passed several times per timed run so each run lasts long enough to time. */
const sets: { name: string; paths: string[]; passes: number }[] = [
  { name: 'lemay-modbus (5 captures, Modbus/TCP SCADA)', paths: files(join(shared, 'lemay-modbus'), /\.pcap$/), passes: 1 },
  { name: 'iot23-sample (home IoT, DNS/ARP/TCP, cut short)', paths: files(join(shared, 'iot23-sample'), /\.pcap$/), passes: 1 },
  { name: 'generated test captures (Modbus, DNP3, IEC-104) ×100', paths: files(join(here, '../../test/fixtures/captures'), /\.pcap$/), passes: 100 },
].filter((s) => s.paths.length > 0);

const rows: { set: string; bytes: number; speeds: StageSpeed[] }[] = [];
for (const set of sets) {
  const captures = Array.from({ length: set.passes }, () => set.paths.map((p) => readFileSync(p))).flat();
  const bytes = captures.reduce((n, b) => n + b.length, 0);
  const speeds = [
    timeStage('capture records', repeat, () => captures.reduce((n, b) => n + readCaptureBytes(b, () => {}).packets, 0)),
    timeStage('+ link, IP, TCP/UDP layers', repeat, () => captures.reduce((n, b) => n + readCaptureBytes(b, (p) => void decodePacket(p)).packets, 0)),
    timeStage('+ flows, TCP reassembly, protocol decoders', repeat, () =>
      captures.reduce((n, b) => {
        const d = new TrafficDecoder();
        const count = readCaptureBytes(b, (p) => void d.decode(p)).packets;
        d.finish();
        return n + count;
      }, 0),
    ),
  ];
  rows.push({ set: set.name, bytes, speeds });
}

const k = (x: number) => Math.round(x).toLocaleString('en-US');
const md = [
  '# Decoding benchmark',
  '',
  'Reproduce: `npx tsx bench/decode/run.ts [--repeat N]` (uses ../shared/data when present, and the generated captures in test/fixtures/captures).',
  '',
  `Command: \`npx tsx bench/decode/run.ts ${args.join(' ')}\`. Machine: ${cpus()[0]?.model ?? '?'} × ${cpus().length}, Node ${process.version}; load average at the end ${loadavg().map((l) => l.toFixed(1)).join(' ')} (shared machine: CPU-time rates are the fairer figure). Captures in memory, ${repeat} timed passes after a warm-up of at least 3 passes and 3 s, median (CPU-time range).`,
  '',
  '| captures | packets per pass | stage | packets/s (CPU) | range | packets/s (wall) | MB/s (CPU) | vs records only |',
  '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ...rows.flatMap((r) =>
    r.speeds.map(
      (s) =>
        `| ${r.set} | ${k(s.packets)} | ${s.stage} | ${k(s.cpuPps)} | ${k(s.cpuPpsMin)}–${k(s.cpuPpsMax)} | ${k(s.wallPps)} | ${((s.cpuPps / s.packets) * (r.bytes / 1e6)).toFixed(0)} | ${(s.cpuPps / r.speeds[0]!.cpuPps).toFixed(2)} |`,
    ),
  ),
  '',
];
writeFileSync(join(here, 'RESULTS.md'), md.join('\n'));
console.log(md.join('\n'));
