// `cityguard processes …`: the process anomaly detectors of a running cityguard, through its API —
// where each is in its lifecycle and where its baseline came from, and a re-learn after a planned
// change to the process (new setpoints, a replaced pump).
import type { Command } from 'commander';
import { apiOptions, callApi as call, type ApiOptions } from '../api-client.js';
import type { ProcessList, ProcessStatus } from '../../../contracts/index.js';


function line(p: ProcessStatus): string {
  const progress = p.phase === 'detecting' ? `score ${p.lastScore === null ? '—' : p.lastScore.toFixed(2)}${p.alarmOpen ? ' ALARM' : ''}` : `${Math.round(p.progress * 100)} %`;
  const rules = p.controlRules;
  const ruleLine = rules.given.length === 0 ? '' : `\n${' '.repeat(15)}control rules: ${rules.given.length} from the city file${rules.setAside.length === 0 ? '' : `, ${rules.setAside.length} set aside (${rules.setAside.map((r) => r.source).join('; ')})`}`;
  return `${p.id.padEnd(14)} ${p.phase.padEnd(10)} ${progress.padEnd(14)} ${p.name}\n${' '.repeat(15)}baseline: ${p.baseline.description}${ruleLine}`;
}

/** Registers `cityguard processes list|relearn`. */
export function registerProcessesCommand(program: Command): void {
  const cmd = program.command('processes').description('Process anomaly detectors of a running cityguard: lifecycle, baseline, re-learn');
  apiOptions(cmd.command('list').description('Each process detector: phase, progress or last score, and where its baseline came from')).action(async (o: ApiOptions) => {
    const list = await call<ProcessList>(o, 'GET', '/api/processes');
    if (list.prelearning) console.log('(pre-learning on the city twin; live telemetry waits)');
    for (const p of list.items) console.log(line(p));
  });
  apiOptions(cmd.command('relearn <id>').description('Forget what a process detector learned and learn again from live telemetry')).action(async (id: string, o: ApiOptions) => {
    console.log(line(await call<ProcessStatus>(o, 'POST', `/api/processes/${encodeURIComponent(id)}/relearn`)));
  });
}
