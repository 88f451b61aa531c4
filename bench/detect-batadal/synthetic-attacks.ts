// Synthetic attacks injected into normal BATADAL rows, for validation on dataset03 alone. They
// mimic the attack classes the data README describes: pump/valve command manipulation (forced off,
// forced on, slowed) with the tank level following by mass balance, and sensor spoofing (replay of
// a tank group's readings from a week before, a constant offset, a frozen reading, a slow drift).
import type { SeriesTable } from '../../src/engines/detection/anomaly/index.js';
import { metresPerLpsHour, type TankGroup } from './ctown-topology.js';

/** The attack classes. */
export const ATTACK_KINDS = ['pump-off', 'pump-on', 'slow-pump', 'replay', 'offset', 'freeze', 'drift'] as const;
export type AttackKind = (typeof ATTACK_KINDS)[number];

/** One injected attack: rows start..end inclusive. */
export interface InjectedAttack {
  readonly kind: AttackKind;
  readonly tank: string;
  readonly link: string;
  readonly start: number;
  readonly end: number;
}

const WEEK = 168;
/** Hours over which a tank's level deficit or surplus fades after an attack (the controls refill it). */
const RECOVERY_ROWS = 12;

/** Copies `table` with attacks injected; labels are 1 on attack rows. */
export function injectAttacks(table: SeriesTable, groups: readonly TankGroup[], kinds: readonly AttackKind[], random: () => number): { table: SeriesTable; labels: Int8Array; attacks: InjectedAttack[] } {
  const rows = table.rows.map((r) => Float64Array.from(r));
  const labels = new Int8Array(rows.length);
  const col = (name: string) => table.columns.indexOf(name);
  const attacks: InjectedAttack[] = [];
  const slot = Math.floor(rows.length / kinds.length);
  kinds.forEach((kind, k) => {
    const duration = 24 + Math.floor(random() * 77);
    const start = k * slot + 24 + Math.floor(random() * Math.max(1, slot - duration - 48));
    const end = Math.min(rows.length - 1, start + duration - 1);
    const usable = groups.filter((g) => col(`L_${g.tank}`) >= 0 && g.links.some((l) => col(`F_${l}`) >= 0));
    const group = usable[Math.floor(random() * usable.length)]!;
    const link = busiestLink(table, group, col);
    for (let i = start; i <= end; i++) labels[i] = 1;
    apply(kind, rows, table.rows, { group, link, start, end, col });
    attacks.push({ kind, tank: group.tank, link, start, end });
  });
  return { table: { ...table, rows }, labels, attacks };
}

interface Target {
  readonly group: TankGroup;
  readonly link: string;
  readonly start: number;
  readonly end: number;
  readonly col: (name: string) => number;
}

function busiestLink(table: SeriesTable, group: TankGroup, col: (name: string) => number): string {
  const on = (l: string) => table.rows.reduce((s, r) => s + (r[col(`S_${l}`)] === 1 ? 1 : 0), 0);
  return [...group.links].filter((l) => col(`F_${l}`) >= 0).sort((a, b) => on(b) - on(a))[0]!;
}

function apply(kind: AttackKind, rows: Float64Array[], original: readonly Float64Array[], t: Target): void {
  const level = t.col(`L_${t.group.tank}`);
  const flow = t.col(`F_${t.link}`);
  const status = t.col(`S_${t.link}`);
  if (kind === 'pump-off' || kind === 'pump-on' || kind === 'slow-pump') {
    const onFlow = typicalOnFlow(original, flow, status);
    const perLps = metresPerLpsHour(t.group.diameterM);
    let delta = 0;
    for (let i = t.start; i < rows.length && i <= t.end + RECOVERY_ROWS; i++) {
      const r = rows[i]!;
      if (i <= t.end) {
        const before = r[flow]!;
        if (kind === 'pump-off') r[flow] = 0;
        if (kind === 'pump-on') r[flow] = before > 0 ? before : onFlow;
        if (kind === 'slow-pump') r[flow] = before * 0.7;
        if (status >= 0) r[status] = r[flow]! > 0 ? 1 : 0;
        delta += (r[flow]! - before) * perLps;
      } else {
        delta *= 1 - 1 / (t.end + RECOVERY_ROWS + 1 - i);
      }
      r[level] = clamp(r[level]! + delta, 0.05, t.group.maxLevelM);
    }
    return;
  }
  const shift = t.start >= WEEK ? -WEEK : WEEK;
  const base = rows[t.start]![level]!;
  const offset = (random01(t.start) < 0.5 ? -1 : 1) * (0.4 + 0.6 * random01(t.end));
  for (let i = t.start; i <= t.end; i++) {
    const r = rows[i]!;
    const progress = (i - t.start + 1) / (t.end - t.start + 1);
    if (kind === 'replay') {
      const src = original[Math.min(Math.max(i + shift, 0), original.length - 1)]!;
      const replayed = [level, ...t.group.links.flatMap((l) => [t.col(`F_${l}`), t.col(`S_${l}`)])];
      for (const c of replayed) if (c >= 0) r[c] = src[c]!;
    }
    if (kind === 'offset') r[level] = Math.max(0, r[level]! + offset);
    if (kind === 'freeze') r[level] = base;
    if (kind === 'drift') r[level] = Math.max(0, r[level]! + offset * 1.5 * progress);
  }
}

function typicalOnFlow(rows: readonly Float64Array[], flow: number, status: number): number {
  const on = rows.filter((r) => (status >= 0 ? r[status] === 1 : r[flow]! > 0)).map((r) => r[flow]!);
  return on.length === 0 ? 0 : on.reduce((a, b) => a + b, 0) / on.length;
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(Math.max(v, lo), hi);
}

/** A deterministic number in [0, 1) from an integer, so offsets depend only on where the attack sits. */
function random01(n: number): number {
  const x = Math.sin(n * 12.9898) * 43758.5453;
  return x - Math.floor(x);
}

/** A seeded pseudo-random generator (mulberry32) returning numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
