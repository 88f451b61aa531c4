// What each column of a process's telemetry is: its kind (learned from training data) and the
// words an explanation uses for it (given by the caller, or read from common naming conventions).

/** The role a signal plays in the process; explanations phrase departures by role. */
export type SignalRole = 'level' | 'flow' | 'status' | 'pressure' | 'other';

/** What the caller may say about a signal; anything left out is inferred from its name. */
export interface SignalLabel {
  /** Words for the reading, e.g. "tank T1 level". */
  readonly label?: string;
  /** Words for the device it belongs to, e.g. "tank T1" or "pump PU1". */
  readonly asset?: string;
  readonly unit?: string;
  readonly role?: SignalRole;
}

/** Everything the detector knows about one signal after learning. */
export interface SignalInfo {
  readonly name: string;
  readonly label: string;
  readonly asset: string;
  readonly unit: string;
  readonly role: SignalRole;
  /** 'binary' when every training value is 0 or 1 (an on/off state), else 'continuous'. */
  readonly kind: 'binary' | 'continuous';
  /** True when the signal never changed during learning. */
  readonly constant: boolean;
  /**
   * True when the signal sat at one value on nearly every learning sample (a standby pump): too few
   * changes to learn how it moves with others, so cross-signal models leave it to the per-signal ones.
   */
  readonly idle: boolean;
  /** Share of learning samples at the signal's most frequent exact value (0 off at a pump's flow, a full tank's level). */
  readonly modeShare: number;
}

/** Share of learning samples at a single value above which a signal counts as idle. */
const IDLE_SHARE = 0.95;

const BATADAL_PREFIX: Readonly<Record<string, { role: SignalRole; unit: string }>> = {
  L: { role: 'level', unit: 'm' },
  F: { role: 'flow', unit: 'L/s' },
  S: { role: 'status', unit: '' },
  P: { role: 'pressure', unit: 'm' },
};

const METRIC_SUFFIX: Readonly<Record<string, { role: SignalRole; unit: string; words: string }>> = {
  level_m: { role: 'level', unit: 'm', words: 'level' },
  flow_lps: { role: 'flow', unit: 'L/s', words: 'flow' },
  running: { role: 'status', unit: '', words: 'running' },
  open_pct: { role: 'status', unit: '%', words: 'opening' },
  pressure_bar: { role: 'pressure', unit: 'bar', words: 'pressure' },
};

function assetWords(id: string): string {
  if (/^T\d+$/i.test(id)) return `tank ${id}`;
  if (/^PU\d+$/i.test(id)) return `pump ${id}`;
  if (/^V\d+$/i.test(id)) return `valve ${id}`;
  if (/^J\d+$/i.test(id)) return `junction ${id}`;
  return id;
}

/** Infers words and role from a column name: `L_T1`-style SCADA tags or `asset.metric` telemetry keys. */
export function inferLabel(name: string): Required<SignalLabel> {
  const tag = /^([LFSP])_(\w+)$/.exec(name);
  if (tag) {
    const { role, unit } = BATADAL_PREFIX[tag[1]!]!;
    const asset = assetWords(tag[2]!);
    const words = { level: `${asset} level`, flow: `${asset} flow`, status: asset, pressure: `pressure at ${asset}`, other: name };
    return { label: words[role], asset, unit, role };
  }
  const dot = name.lastIndexOf('.');
  const metric = dot > 0 ? METRIC_SUFFIX[name.slice(dot + 1)] : undefined;
  if (metric) {
    const asset = name.slice(0, dot);
    return { label: metric.role === 'status' ? asset : `${asset} ${metric.words}`, asset, unit: metric.unit, role: metric.role };
  }
  return { label: name, asset: name, unit: '', role: 'other' };
}

/** Builds the signal table from column names, caller labels and the learning rows. */
export function catalogSignals(
  names: readonly string[],
  rows: readonly Float64Array[],
  labels: Readonly<Record<string, SignalLabel>> = {},
): SignalInfo[] {
  return names.map((name, j) => {
    let binary = true;
    let lo = Infinity;
    let hi = -Infinity;
    for (const row of rows) {
      const v = row[j]!;
      if (v !== 0 && v !== 1) binary = false;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    let atMode = 0;
    const mode = modeOf(rows, j);
    for (const row of rows) if (row[j] === mode) atMode++;
    const inferred = inferLabel(name);
    const given = labels[name] ?? {};
    return {
      name,
      label: given.label ?? inferred.label,
      asset: given.asset ?? inferred.asset,
      unit: given.unit ?? inferred.unit,
      role: given.role ?? (binary && inferred.role === 'other' ? 'status' : inferred.role),
      kind: binary ? 'binary' : 'continuous',
      constant: !(hi > lo),
      idle: rows.length > 0 && atMode / rows.length >= IDLE_SHARE,
      modeShare: rows.length > 0 ? atMode / rows.length : 0,
    };
  });
}

/** The most frequent exact value of column j. */
function modeOf(rows: readonly Float64Array[], j: number): number {
  const counts = new Map<number, number>();
  let best = Number.NaN;
  let bestCount = 0;
  for (const row of rows) {
    const v = row[j]!;
    const c = (counts.get(v) ?? 0) + 1;
    counts.set(v, c);
    if (c > bestCount) {
      best = v;
      bestCount = c;
    }
  }
  return best;
}
