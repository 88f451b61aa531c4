// Reads from the C-Town EPANET model (CTOWN.INP) what the synthetic attacks need: which pumps and
// valves each tank's level controls ([CONTROLS]) and each tank's diameter and height ([TANKS]); and
// the control rules the detector is given, over a series' columns.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { controlRulesFor, readEpanetControls, type ControlRule } from '../../src/engines/detection/anomaly/index.js';

/** C-Town's level controls as control rules over `columns` (BATADAL names: S_<link>, L_<tank>). */
export function ctownControlRules(dataDir: string, columns: readonly string[]): ControlRule[] {
  const { controls } = readEpanetControls(readFileSync(join(dataDir, 'CTOWN.INP'), 'utf8'), 'CTOWN.INP');
  return controlRulesFor(controls, columns, 'CTOWN.INP').rules;
}

/** A tank, the links its level switches, and its geometry in metres. */
export interface TankGroup {
  readonly tank: string;
  readonly links: readonly string[];
  readonly diameterM: number;
  readonly maxLevelM: number;
}

/** Parses the control groups of an EPANET .INP text. */
export function readTankGroups(inp: string): TankGroup[] {
  const section = (name: string) => {
    const start = inp.indexOf(`[${name}]`);
    if (start < 0) return [];
    const end = inp.indexOf('\n[', start + 1);
    return inp.slice(start, end < 0 ? undefined : end).split('\n').slice(1).map((l) => l.split(';')[0]!.trim()).filter((l) => l !== '');
  };
  const geometry = new Map<string, { diameterM: number; maxLevelM: number }>();
  for (const line of section('TANKS')) {
    const f = line.split(/\s+/);
    geometry.set(f[0]!, { maxLevelM: Number(f[4]), diameterM: Number(f[5]) });
  }
  const links = new Map<string, string[]>();
  for (const c of readEpanetControls(inp, 'CTOWN.INP').controls) {
    const list = links.get(c.node) ?? [];
    if (!list.includes(c.link)) list.push(c.link);
    links.set(c.node, list);
  }
  return [...links.entries()].flatMap(([tank, l]) => {
    const g = geometry.get(tank);
    return g ? [{ tank, links: l, ...g }] : [];
  });
}

/** Metres of level change per (L/s × one hour) of flow into a tank of this diameter. */
export function metresPerLpsHour(diameterM: number): number {
  const areaM2 = Math.PI * (diameterM / 2) ** 2;
  return 3.6 / areaM2;
}
