// Reads the level controls of an EPANET network model (.inp, [CONTROLS] section) — the control logic
// a water utility already keeps — and turns them into control rules over a series' columns. Simple
// controls of the form `LINK id OPEN|CLOSED IF NODE id BELOW|ABOVE value` are read; time-based
// controls and numeric settings say nothing about a level and are listed as skipped, not guessed at.
import type { ControlRule } from './control-rules.js';
import { invalidControls, type SeriesProblem } from './errors.js';

/** One level control as written in the model. */
export interface EpanetControl {
  readonly link: string;
  readonly state: 0 | 1;
  readonly node: string;
  readonly when: 'below' | 'above';
  readonly threshold: number;
  /** 1-based line number in the .inp file. */
  readonly line: number;
}

/** A line of [CONTROLS] that is valid EPANET but not a level control of a link's state. */
export interface SkippedControl {
  readonly line: number;
  readonly reason: string;
}

const LEVEL_CONTROL = /^LINK\s+(\S+)\s+(\S+)\s+IF\s+NODE\s+(\S+)\s+(BELOW|ABOVE)\s+(\S+)$/i;
const TIME_CONTROL = /^LINK\s+\S+\s+\S+\s+AT\s+(TIME|CLOCKTIME)\s+/i;
/** A decimal number as EPANET writes one (Number() alone would also take "0x10" or "Infinity"). */
const DECIMAL = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** Parses the [CONTROLS] section; throws CG_CONTROLS_INVALID listing every malformed line. */
export function readEpanetControls(text: string, file: string): { controls: EpanetControl[]; skipped: SkippedControl[] } {
  const lines = text.split(/\r?\n/);
  const controls: EpanetControl[] = [];
  const skipped: SkippedControl[] = [];
  const problems: SeriesProblem[] = [];
  let inside = false;
  let found = false;
  lines.forEach((raw, i) => {
    const line = raw.split(';')[0]!.trim();
    if (line.startsWith('[')) {
      inside = /^\[CONTROLS\]/i.test(line);
      found ||= inside;
      return;
    }
    if (!inside || line === '') return;
    const at = i + 1;
    const m = LEVEL_CONTROL.exec(line);
    if (m === null) {
      if (TIME_CONTROL.test(line)) skipped.push({ line: at, reason: 'a time-based control, not a level control' });
      else problems.push({ line: at, message: `not an EPANET control: "${line}"` });
      return;
    }
    const status = m[2]!.toUpperCase();
    const threshold = DECIMAL.test(m[5]!) ? Number(m[5]) : Number.NaN;
    if (!Number.isFinite(threshold)) {
      problems.push({ line: at, message: `the level "${m[5]}" is not a number` });
      return;
    }
    if (status !== 'OPEN' && status !== 'CLOSED') {
      if (DECIMAL.test(status)) skipped.push({ line: at, reason: `sets link ${m[1]} to the setting ${status}, not open or closed` });
      else problems.push({ line: at, message: `the status "${m[2]}" is not OPEN, CLOSED or a number` });
      return;
    }
    controls.push({ link: m[1]!, state: status === 'OPEN' ? 1 : 0, node: m[3]!, when: m[4]!.toLowerCase() as 'below' | 'above', threshold, line: at });
  });
  if (!found) problems.push({ line: 0, message: 'no [CONTROLS] section' });
  else if (problems.length === 0 && controls.length === 0) problems.push({ line: 0, message: 'the [CONTROLS] section has no level controls (LINK … IF NODE … BELOW|ABOVE …)' });
  if (problems.length > 0) throw invalidControls(file, problems);
  return { controls, skipped };
}

/** How a model's link and node ids are found among a series' columns: `S_<link>` or `<link>`, `L_<node>` or `<node>`. */
export const LINK_COLUMNS = (id: string): string[] => [`S_${id}`, id];
export const NODE_COLUMNS = (id: string): string[] => [`L_${id}`, id];

/** Control rules over `columns`; controls whose link or node has no column are returned as skipped. */
export function controlRulesFor(controls: readonly EpanetControl[], columns: readonly string[], file: string): { rules: ControlRule[]; skipped: SkippedControl[] } {
  const present = new Set(columns);
  const rules: ControlRule[] = [];
  const skipped: SkippedControl[] = [];
  for (const c of controls) {
    const status = LINK_COLUMNS(c.link).find((n) => present.has(n));
    const reading = NODE_COLUMNS(c.node).find((n) => present.has(n));
    if (status === undefined || reading === undefined) {
      const missing = status === undefined ? `link ${c.link} (${LINK_COLUMNS(c.link).join(' or ')})` : `node ${c.node} (${NODE_COLUMNS(c.node).join(' or ')})`;
      skipped.push({ line: c.line, reason: `no column for ${missing}` });
      continue;
    }
    rules.push({ status, state: c.state, reading, when: c.when, threshold: c.threshold, source: `${file} line ${c.line}` });
  }
  return { rules, skipped };
}
