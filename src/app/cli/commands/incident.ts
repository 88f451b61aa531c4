// `cityguard incident …`: look at and handle incidents and their actions through a running
// cityguard's API — list, show, status, notes, assignment, evidence, export (JSON or STIX 2.1),
// and approving, rejecting or undoing actions.
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { apiOptions, callApi as call, type ApiOptions } from '../api-client.js';
import type { Action, Incident } from '../../../domain/index.js';


function line(i: Incident): string {
  return `${i.id}  ${i.status.padEnd(9)} ${i.severity.padEnd(8)} ${i.peopleAffected.toLocaleString('en').padStart(8)} people  ${i.title}`;
}

function actionLine(a: Action): string {
  const approvals = `${a.approvals.filter((x) => x.decision === 'approve').length}/${a.requiredApprovals.count}`;
  return `${a.id}  ${a.status.padEnd(17)} ${a.kind} ${a.target.id}  approvals ${approvals}  cost ${a.cost?.people ?? 0} people${a.result ? `  — ${a.result.split('\n')[0]}` : ''}`;
}

/** Registers `cityguard incident …`. */
export function registerIncidentCommand(program: Command): void {
  const inc = program.command('incident').description('Handle incidents and their response actions through the API');
  apiOptions(inc.command('list').description('Incidents, most recently updated first').option('--status <status>', 'only this status')).action(async (o: ApiOptions & { status?: string }) => {
    const page = await call<{ items: Incident[] }>(o, 'GET', `/api/incidents${o.status ? `?status=${encodeURIComponent(o.status)}` : ''}`);
    for (const i of page.items) console.log(line(i));
  });
  apiOptions(inc.command('show <id>').description('An incident with its timeline and actions')).action(async (id: string, o: ApiOptions) => {
    const { incident } = await call<{ incident: Incident }>(o, 'GET', `/api/incidents/${encodeURIComponent(id)}`);
    console.log(line(incident));
    console.log(`  ${incident.summary.what}\n  ${incident.summary.why}`);
    for (const t of incident.timeline) console.log(`  ${new Date(t.ts).toISOString()} [${t.kind}]${t.by ? ` ${t.by}:` : ''} ${t.text}`);
    const actions = await call<{ items: Action[] }>(o, 'GET', `/api/actions?incidentId=${encodeURIComponent(id)}`);
    for (const a of actions.items) console.log(`  action ${actionLine(a)}`);
  });
  apiOptions(inc.command('status <id> <status>').description('Move the incident: triaged, contained, recovered, closed').option('--note <text>', 'why')).action(
    async (id: string, status: string, o: ApiOptions & { note?: string }) => console.log(line(await call<Incident>(o, 'POST', `/api/incidents/${encodeURIComponent(id)}/status`, { status, ...(o.note ? { note: o.note } : {}) }))),
  );
  apiOptions(inc.command('note <id> <text>').description('Add a note to the timeline')).action(async (id: string, text: string, o: ApiOptions) =>
    console.log(line(await call<Incident>(o, 'POST', `/api/incidents/${encodeURIComponent(id)}/notes`, { text }))),
  );
  apiOptions(inc.command('assign <id> <assignee>').description('Assign the incident')).action(async (id: string, assignee: string, o: ApiOptions) =>
    console.log(line(await call<Incident>(o, 'POST', `/api/incidents/${encodeURIComponent(id)}/assign`, { assignee }))),
  );
  apiOptions(inc.command('evidence <id> <text>').description('Attach evidence').option('--ref <ref>', 'event id, file, URL or hash')).action(async (id: string, text: string, o: ApiOptions & { ref?: string }) =>
    console.log(line(await call<Incident>(o, 'POST', `/api/incidents/${encodeURIComponent(id)}/evidence`, { text, ...(o.ref ? { ref: o.ref } : {}) }))),
  );
  apiOptions(inc.command('export <id>').description('Export as JSON or as a STIX 2.1 bundle').option('--format <f>', 'json or stix', 'json').option('--out <file>', 'write to a file instead of stdout')).action(
    async (id: string, o: ApiOptions & { format: string; out?: string }) => {
      const body = await call<unknown>(o, 'GET', `/api/incidents/${encodeURIComponent(id)}/export?format=${encodeURIComponent(o.format)}`);
      const text = `${JSON.stringify(body, null, 2)}\n`;
      if (o.out) await writeFile(o.out, text);
      else process.stdout.write(text);
    },
  );
  for (const [verb, field] of [['approve', 'comment'], ['reject', 'comment'], ['undo', 'reason'], ['renew', undefined]] as const) {
    const c = inc.command(`${verb} <actionId>`).description(`${verb[0]!.toUpperCase()}${verb.slice(1)} a response action`);
    if (field) c.option(`--${field} <text>`, field);
    apiOptions(c).action(async (actionId: string, o: ApiOptions & Record<string, string | undefined>) => {
      const text = field ? o[field] : undefined;
      console.log(actionLine(await call<Action>(o, 'POST', `/api/actions/${encodeURIComponent(actionId)}/${verb}`, field && text ? { [field]: text } : {})));
    });
  }
}
