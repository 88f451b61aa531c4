// Writes the incident response protocol and the disaster recovery plan as Markdown and printable
// HTML into one folder.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CityModel, Playbook } from '../../domain/index.js';
import { toHtml, toMarkdown } from './plan-document.js';
import { disasterRecoveryPlan, incidentResponseProtocol } from './plan-documents.js';
import { buildCityPlan, type CityPlan } from './plan-model.js';

/** Files written by generatePlan. */
export interface GeneratedPlan {
  plan: CityPlan;
  files: string[];
}

/** Builds both documents from the city model and writes four files into `outDir`. */
export async function generatePlan(city: CityModel, playbooks: readonly Playbook[], outDir: string, nowMs: number = Date.now()): Promise<GeneratedPlan> {
  const plan = buildCityPlan(city, playbooks, nowMs);
  await mkdir(outDir, { recursive: true });
  const files: string[] = [];
  for (const [name, doc] of [
    ['incident-response-protocol', incidentResponseProtocol(plan)],
    ['disaster-recovery-plan', disasterRecoveryPlan(plan)],
  ] as const) {
    for (const [ext, text] of [
      ['md', toMarkdown(doc)],
      ['html', toHtml(doc)],
    ] as const) {
      const path = join(outDir, `${name}.${ext}`);
      await writeFile(path, text);
      files.push(path);
    }
  }
  return { plan, files };
}
