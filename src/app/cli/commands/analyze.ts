// `cityguard analyze <capture|->`: what a capture holds — hosts and their roles, connections,
// messages and errors per protocol, asset candidates and findings — as text or one JSON object.
// Works on live pipes (`tcpdump -w - | cityguard analyze -`); damaged captures are reported, not fatal.
import type { Command } from 'commander';
import { analyzeCapture, type CaptureReport } from '../../../engines/detection/network/index.js';
import { intOption } from '../command-options.js';

interface AnalyzeOptions {
  json?: boolean;
  connections: number;
}

/** Registers `cityguard analyze`. */
export function registerAnalyzeCommand(program: Command): void {
  program
    .command('analyze')
    .description('Describe a network capture: hosts, connections, protocols, asset candidates and findings')
    .argument('<capture>', 'pcap or pcapng file, or - to read a capture from standard input')
    .option('--json', 'print one JSON object instead of text')
    .option('--connections <n>', 'connections to list (busiest first; industrial ones always)', intOption, 20)
    .action(async (capture: string, o: AnalyzeOptions) => {
      // Live pipe: Ctrl-C also stops tcpdump, which closes the pipe; survive the first SIGINT so the
      // packets read so far are still reported (a second Ctrl-C quits at once).
      const onInterrupt = () => console.error('interrupted: reporting what was read so far…');
      if (capture === '-') process.once('SIGINT', onInterrupt);
      const report = await analyzeCapture(capture, { connectionLimit: o.connections }).finally(() => process.removeListener('SIGINT', onInterrupt));
      if (o.json) console.log(JSON.stringify(report, null, 2));
      else console.log(formatReport(report, o.connections));
      if (report.capture.stoppedEarly) console.error(`warning: ${report.capture.stoppedEarly}`);
    });
}

/** The report as text for a terminal. */
export function formatReport(r: CaptureReport, connections: number): string {
  const c = r.capture;
  const lines = [
    `${c.source}: ${c.format}, ${c.packets} packets, ${c.bytes} bytes, ${c.durationS} s${c.firstTs ? ` (${c.firstTs} – ${c.lastTs})` : ''}`,
    '',
    'protocols (messages / errors):',
    ...Object.entries(r.protocols)
      .filter(([, v]) => v.messages + v.errors > 0)
      .map(([k, v]) => `  ${k.padEnd(8)} ${String(v.messages).padStart(8)} / ${v.errors}`),
    `  packets by transport: ${Object.entries(r.transports).map(([k, v]) => `${k} ${v}`).join(', ')}`,
    '',
    `hosts (${r.hosts.length}):`,
    ...r.hosts.slice(0, 40).map((h) => `  ${h.ip.padEnd(16)} sent ${h.packetsSent}, received ${h.packetsReceived}${h.roles.length ? `  — ${h.roles.join(', ')}` : h.protocols.length ? `  — ${h.protocols.join(', ')}` : ''}`),
    '',
    `connections (${Math.min(connections, r.connections.length)} of ${r.connectionsTotal}):`,
    ...r.connections.slice(0, connections).map((x) => `  ${x.client}:${x.clientPort} → ${x.server}:${x.serverPort} ${x.transport}${x.protocol ? `/${x.protocol}` : ''}  ${x.packets} packets, ${x.bytes} bytes`),
    '',
    `asset candidates (${r.assetCandidates.length}):`,
    ...r.assetCandidates.map((a) => `  ${a.suggestedId}: ${a.kind} at ${a.ip}${a.stations.length ? `, stations ${a.stations.join(',')}` : ''}${a.vendor ? `, ${a.vendor} ${a.model ?? ''} ${a.firmware ?? ''}` : ''} (${a.evidence.join('; ')})`),
    '',
    `findings (${r.findings.length}):`,
    ...r.findings.map((f) => `  [${f.severity}] ${f.title}${f.count > 1 ? ` ×${f.count} (packets ${f.firstPacket}–${f.lastPacket})` : ` (packet ${f.firstPacket})`}${f.technique ? ` ${f.technique}` : ''}`),
  ];
  return lines.join('\n');
}
