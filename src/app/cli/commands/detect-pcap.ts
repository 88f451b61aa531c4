// `cityguard detect pcap`: learn normal traffic from a training capture (or the start of the test
// capture), then judge every packet of the test capture — protocol baselines plus Kitsune-style
// anomaly scores — and write one CSV row per test packet: packet, time, score, alert, reason.
import { createWriteStream, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { detectOffline, networkLearningInvalid, type PacketVerdict } from '../../../engines/detection/network/index.js';
import { intOption, numberOption } from '../command-options.js';

interface PcapOptions {
  train?: string;
  trainPackets?: number;
  test: string;
  learnFraction?: number;
  out: string;
  alerts?: string;
  falseAlarmRate?: number;
}

/** Registers `cityguard detect pcap`. */
export function registerDetectPcap(detect: Command): void {
  detect
    .command('pcap')
    .description('Learn normal network traffic, then score every packet of a capture (CSV: packet, time, score, alert, reason)')
    .requiredOption('--test <capture>', 'capture to judge (pcap or pcapng; - for standard input with --train)')
    .requiredOption('--out <csv>', 'where to write one row per test packet')
    .option('--train <capture>', 'capture of normal traffic to learn from')
    .option('--train-packets <n>', 'learn from only the first n packets of --train', intOption)
    .option('--learn-fraction <f>', 'without --train: learn from this share of the test capture’s first packets', numberOption)
    .option('--alerts <jsonl>', 'also write each alert as one JSON line')
    .option('--false-alarm-rate <p>', 'share of normal packets allowed above the anomaly threshold', numberOption)
    .action((o: PcapOptions) => runPcap(o));
}

async function runPcap(o: PcapOptions): Promise<void> {
  if (!o.train && o.learnFraction === undefined) throw networkLearningInvalid('give --train <capture> or --learn-fraction <f>');
  const out = createWriteStream(o.out);
  out.write('packet,time,score,alert,reason\n');
  const alertLines: string[] = [];
  let alerted = 0;
  const result = await detectOffline({
    ...(o.train ? { train: o.train } : {}),
    ...(o.trainPackets !== undefined ? { trainPackets: o.trainPackets } : {}),
    ...(o.learnFraction !== undefined ? { learnFraction: o.learnFraction } : {}),
    test: o.test,
    detector: o.falseAlarmRate !== undefined ? { anomaly: { falseAlarmRate: o.falseAlarmRate } } : {},
    onVerdict: (v) => {
      if (v.alert) alerted++;
      out.write(csvRow(v));
    },
    onAlert: (a) => alertLines.push(JSON.stringify(a)),
  });
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  if (o.alerts) writeFileSync(o.alerts, alertLines.map((l) => `${l}\n`).join(''));
  const threshold = result.threshold === undefined ? 'not calibrated' : result.threshold.toPrecision(4);
  console.log(`learned from ${result.learnPackets} packets${o.train ? ` of ${o.train}` : ' at the start of the test capture'}; anomaly threshold ${threshold}`);
  console.log(`${result.test.packets} test packets, ${alerted} alerted, ${result.alerts} distinct alerts → ${o.out}`);
  for (const s of [result.train?.stop, result.test.stop]) if (s) console.error(`warning: ${s.message}`);
}

function csvRow(v: PacketVerdict): string {
  const reason = v.learning ? 'learning' : v.findings.map((f) => f.title).join('; ');
  return `${v.packet},${(v.tsMs / 1000).toFixed(6)},${v.score.toPrecision(6)},${v.alert ? 1 : 0},${quote(reason)}\n`;
}

function quote(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
