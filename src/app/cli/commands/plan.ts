// `cityguard plan generate` writes the incident response protocol and disaster recovery plan from
// the city model; `cityguard plan exercise <scenario>` runs a tabletop on stdin/stdout and writes the
// after-action report.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { loadRules, loadTechniqueTable } from '../../../engines/detection/index.js';
import { runDrill } from '../../../operations/drills/index.js';
import { afterActionReport, generatePlan, runTabletop, toHtml, toMarkdown } from '../../../operations/plans/index.js';
import { loadPlaybooks } from '../../../operations/response/index.js';
import { loadScenarioFile } from '../../../operations/twin/index.js';
import { loadCityFile } from '../../../platform/content/index.js';
import { contentPath } from '../../runtime/index.js';
import { scenarioPath } from './drill.js';

/** Registers `cityguard plan …`. */
export function registerPlanCommand(program: Command): void {
  const plan = program.command('plan').description('Incident response and disaster recovery plans, and tabletop exercises');
  plan
    .command('generate')
    .description('Write the incident response protocol and disaster recovery plan (Markdown and printable HTML)')
    .requiredOption('--city <file>', 'city file')
    .requiredOption('--out <dir>', 'folder to write into')
    .option('--playbooks <path>', 'playbook file or folder', contentPath('playbooks'))
    .action(async (o: { city: string; out: string; playbooks: string }) => {
      const r = await generatePlan(loadCityFile(o.city), loadPlaybooks(o.playbooks).playbooks, o.out);
      for (const f of r.files) console.log(`wrote ${f}`);
    });
  plan
    .command('exercise <scenario>')
    .description('Tabletop: present the scenario’s injects one by one, read one answer line each from stdin, write an after-action report')
    .option('--city <file>', 'city file', contentPath('cities', 'sample-city.yaml'))
    .option('--out <dir>', 'folder for the after-action report', '.')
    .option('--team <name>', 'who took part', 'response team')
    .option('--no-expected', 'do not run an automatic drill to compare the answers with')
    .action(async (scenario: string, o: { city: string; out: string; team: string; expected: boolean }) => {
      const city = loadCityFile(o.city);
      const s = loadScenarioFile(scenarioPath(scenario), city);
      let expected;
      if (o.expected) {
        process.stdout.write('Preparing: running the scenario with cityguard’s playbooks to compare your answers with…\n');
        const rules = loadRules(contentPath('rules'), loadTechniqueTable()).rules;
        expected = await runDrill({ city, scenario: s, rules, playbooks: loadPlaybooks(contentPath('playbooks')).playbooks, response: 'auto', warmupS: 120, observeAfterS: 0, stepMs: 2000 });
      }
      const lines = createInterface({ input: process.stdin, terminal: false });
      const record = await runTabletop({ scenario: s, city, answers: lines, print: (t) => process.stdout.write(t), team: o.team, ...(expected ? { expected } : {}) });
      lines.close();
      const doc = afterActionReport(record, city.city.city.name);
      await mkdir(o.out, { recursive: true });
      const base = join(o.out, `after-action-${s.id}-${record.startedIso.slice(0, 10)}`);
      await writeFile(`${base}.md`, toMarkdown(doc));
      await writeFile(`${base}.html`, toHtml(doc));
      await writeFile(`${base}.json`, `${JSON.stringify(record, null, 2)}\n`);
      console.log(`wrote ${base}.md, ${base}.html and ${base}.json`);
    });
}
