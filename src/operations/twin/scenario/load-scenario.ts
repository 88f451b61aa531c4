// Loads an attack scenario: YAML → schema (each step's action checked against the kind it names, so
// problems read "missing command" rather than a union's noise) → scenario checks → checks against
// the city the twin will play it on (every selector picks something, every command fits its targets).
import { readFileSync } from 'node:fs';
import type { TSchema } from 'typebox';
import {
  acceptsCommand,
  checkScenario,
  Scenario,
  SCENARIO_ACTIONS,
  TELEMETRY_SCHEMAS,
  type AssetSelector,
  type CityModel,
  type ScenarioAction,
} from '../../../domain/index.js';
import {
  checkAgainstSchema,
  contentInvalid,
  parseYamlSource,
  type ContentProblem,
  type YamlSource,
} from '../../../platform/content/index.js';

type PathProblem = { path: string; message: string };

const HOST_KINDS = new Set([
  'workstation',
  'hmi',
  'scada-server',
  'server',
  'historian',
  'domain-controller',
  'vpn-gateway',
  'firewall',
  'dispatch-server',
]);
const FLOOD_KINDS = new Set(['dispatch-server', 'firewall', 'camera']);
/** Actions that only a host with an operating system can suffer. */
const HOST_ACTIONS = new Set(['wipe', 'remote-session', 'stop-services', 'encrypt-files']);

/** Parses a scenario; returns it frozen, or every problem located by line. */
export function parseScenario(
  text: string,
  file: string,
  city?: CityModel,
): { ok: true; value: Scenario } | { ok: false; problems: ContentProblem[] } {
  const source = parseYamlSource(text, file);
  if (source.problems.length > 0) return { ok: false, problems: source.problems };
  // Actions are checked one by one against the kind they name; the rest of the document against
  // the scenario schema with each action replaced by a placeholder, so neither hides the other.
  const raw = source.value as { steps?: unknown } | null;
  const rawSteps = Array.isArray(raw?.steps) ? (raw.steps as unknown[]) : [];
  const actions = rawSteps.map((step, i) => checkAction(step, i, source));
  const skeleton =
    raw && typeof raw === 'object'
      ? { ...raw, steps: rawSteps.map((st) => (isObject(st) ? { ...st, action: PLACEHOLDER } : st)) }
      : raw;
  const checked = checkAgainstSchema<Scenario>(Scenario, skeleton, source);
  const problems = [...checked.problems, ...actions.flatMap((a) => a.problems)].sort(
    (a, b) => a.line - b.line || a.column - b.column,
  );
  if (problems.length > 0) return { ok: false, problems };
  const value = {
    ...checked.value,
    steps: checked.value.steps.map((st, i) => ({ ...st, action: actions[i]!.value as ScenarioAction })),
  };
  const semantic = [...checkScenario(value), ...(city ? checkAgainstCity(value, city) : [])];
  if (semantic.length > 0) return { ok: false, problems: semantic.map((p) => locate(source, p)) };
  return { ok: true, value: deepFreeze(value) };
}

const PLACEHOLDER = { do: 'wipe', on: {} };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Checks one step's action against the schema of the kind its `do` names; fills its defaults. */
function checkAction(
  step: unknown,
  i: number,
  source: YamlSource,
): { value: unknown; problems: ContentProblem[] } {
  const prefix = `/steps/${i}/action`;
  if (!isObject(step) || !('action' in step)) return { value: undefined, problems: [] }; // the skeleton check reports it
  const action = step['action'];
  const kind = isObject(action) ? action['do'] : undefined;
  if (typeof kind !== 'string' || !Object.hasOwn(SCENARIO_ACTIONS, kind)) {
    const allowed = Object.keys(SCENARIO_ACTIONS)
      .map((k) => `"${k}"`)
      .join(', ');
    const path = isObject(action) && 'do' in action ? `${prefix}/do` : prefix;
    return { value: action, problems: [locate(source, { path, message: `do must be one of ${allowed}` })] };
  }
  const scoped: YamlSource = { ...source, locate: (p) => source.locate(prefix + p) };
  const r = checkAgainstSchema(SCENARIO_ACTIONS[kind as keyof typeof SCENARIO_ACTIONS], action, scoped);
  return { value: r.value, problems: r.problems.map((p) => ({ ...p, path: prefix + p.path })) };
}

/** Loads scenario text, throwing CG_CONTENT_INVALID with every problem. */
export function loadScenarioText(text: string, file: string, city?: CityModel): Scenario {
  const r = parseScenario(text, file, city);
  if (!r.ok) throw contentInvalid(file, r.problems);
  return r.value;
}

/** Loads a scenario file; with `city`, also checks that every step can be played on it. */
export function loadScenarioFile(path: string, city?: CityModel): Scenario {
  return loadScenarioText(readFileSync(path, 'utf8'), path, city);
}

/** Problems of a scenario against one city, by path. */
export function checkAgainstCity(s: Scenario, city: CityModel): PathProblem[] {
  const problems: PathProblem[] = [];
  s.steps.forEach((step, i) => {
    const at = `/steps/${i}/action`;
    const targets = city.select(step.action.on);
    if (targets.length === 0) {
      problems.push({
        path: `${at}/on`,
        message: `selects no asset of city "${city.city.city.id}": ${describe(step.action.on)}`,
      });
      return;
    }
    const a: ScenarioAction = step.action;
    const wrong = (ok: (kind: string) => boolean, what: string) => {
      const bad = targets.find((t) => !ok(t.kind));
      if (bad)
        problems.push({ path: `${at}/on`, message: `${bad.id} is a ${bad.kind}, which cannot ${what}` });
    };
    if (a.do === 'command') wrong((k) => acceptsCommand(k as never, a.command), `accept ${a.command}`);
    if (a.do === 'flood')
      wrong((k) => FLOOD_KINDS.has(k), 'be flooded (only dispatch servers, firewalls and cameras)');
    if (HOST_ACTIONS.has(a.do)) wrong((k) => HOST_KINDS.has(k), HOST_ACTION_TEXT[a.do]!);
    if (a.do === 'network' && a.to && city.select(a.to).length === 0)
      problems.push({ path: `${at}/to`, message: `selects no asset: ${describe(a.to)}` });
    if (a.do === 'spoof' && a.metrics) {
      for (const t of targets) {
        const props =
          (TELEMETRY_SCHEMAS[t.kind] as TSchema & { properties?: Record<string, unknown> }).properties ?? {};
        const unknown = Object.keys(a.metrics).find((m) => !(m in props));
        if (unknown) {
          problems.push({
            path: `${at}/metrics/${unknown}`,
            message: `a ${t.kind} (${t.id}) has no metric "${unknown}"`,
          });
          break;
        }
      }
    }
  });
  return problems;
}

const HOST_ACTION_TEXT: Readonly<Record<string, string>> = {
  wipe: 'be wiped',
  'remote-session': 'host a remote session',
  'stop-services': 'stop Windows services',
  'encrypt-files': 'have its files encrypted',
};

function describe(sel: AssetSelector): string {
  return (
    Object.entries(sel)
      .map(([k, v]) => `${k}=${(v as string[]).join('|')}`)
      .join(', ') || '(everything)'
  );
}

function locate(source: YamlSource, p: PathProblem): ContentProblem {
  const pos = source.locate(p.path);
  return { file: source.file, line: pos.line, column: pos.column, path: p.path, message: p.message };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
