// Product names reduced to the tokens that identify a product, and the one way they match a
// device's model or firmware text: every identifying token, in order and next to each other, equal
// — or a vendor's variant ("NPort 5150-T" of "NPort 5150"). Never by vendor alone, never a free
// wildcard: "x" placeholders ("DS-2CD2xx2FWD Series") stand for exactly one character each, and
// only a name the vendor calls a "Series" matches models that begin with it ("DS-KH63 Series").
import { foldSpacing, splitAsides } from './name-text.js';

/** Descriptive words that do not identify a product ("SEL-751 Feeder Protection Relay" is the SEL-751). */
const GENERIC = new Set([
  'series',
  'family',
  'firmware',
  'software',
  'with',
  'and',
  'or',
  'for',
  'of',
  'the',
  'all',
  'a',
  'on',
  'in',
  'model',
  'models',
  'product',
  'products',
  'device',
  'devices',
  'module',
  'modules',
  'master',
  'relay',
  'relays',
  'controller',
  'controllers',
  'camera',
  'cameras',
  'unit',
  'units',
  'feeder',
  'motor',
  'generator',
  'transformer',
  'protection',
  'differential',
  'bus',
  'transfer',
  'high-impedance',
  'dome',
  'bullet',
  'ptz',
  'electronic',
  'siren',
  'gateway',
  'gateways',
  'server',
  'servers',
  'secure',
  'switchgear',
  'bay',
  'system',
  'systems',
  'cpu',
  'variants',
  'variant',
  'engine',
  'engines',
  'radio',
  'recorder',
  'recorders',
  'segment',
  'level',
  'radar',
  'actuator',
  'drive',
  'panel',
  'tower',
  'workstation',
]);

/** One identifying token; `pattern` is set when the vendor wrote placeholders ("2CD2xx2FWD"). */
export interface KeyToken {
  readonly text: string;
  readonly pattern: RegExp | undefined;
}

/** The identifying tokens of a product name; `series` when the vendor called it a series. */
export interface ProductKey {
  readonly name: string;
  readonly tokens: readonly KeyToken[];
  readonly series: boolean;
}

function rawTokens(text: string): string[] {
  return foldSpacing(text)
    .split(/[\s,;]+/)
    .map((t) => t.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((t) => t !== '' && !GENERIC.has(t.toLowerCase()));
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Placeholders are a lower-case x inside an otherwise upper-case model code, or a run of two or more X. */
function keyToken(raw: string, series: boolean): KeyToken {
  const text = raw.toLowerCase();
  if (!/\d/.test(raw)) return { text, pattern: undefined };
  const withoutX = raw.replace(/x/g, '');
  const lowerX = raw.includes('x') && /[A-Z]/.test(withoutX) && withoutX === withoutX.toUpperCase();
  const upperRuns = /XX+/.test(raw);
  if (!lowerX && !upperRuns) return { text, pattern: undefined };
  let source = '';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i]!;
    const inRun = ch === 'X' && (raw[i - 1] === 'X' || raw[i + 1] === 'X');
    source += (lowerX && ch === 'x') || (upperRuns && inRun) ? '[0-9a-z]' : escape(ch.toLowerCase());
  }
  return { text, pattern: new RegExp(series ? `^${source}` : `^${source}(-.+)?$`) };
}

/** Keys of a product name: its main text and each aside ("CP-8050 MASTER MODULE (6MF2805-0AA00)" gives two). */
export function productKeys(name: string): ProductKey[] {
  const series = /\bseries\b/i.test(name);
  const { main, asides } = splitAsides(name);
  const main_ = { name, series, tokens: rawTokens(main).map((t) => keyToken(t, series)) };
  // An aside identifies only when it carries a number (an order code); "(B)" or "(End of Life)" would match anything.
  const aside = asides
    .map((part) => ({ name, series, tokens: rawTokens(part).map((t) => keyToken(t, series)) }))
    .filter((k) => k.tokens.some((t) => /\d/.test(t.text)));
  return [main_, ...aside].filter((k) => k.tokens.length > 0);
}

/** The comparable token lists of a device's model or firmware text: main text, then each aside. */
export function deviceTokens(text: string): string[][] {
  const { main, asides } = splitAsides(text);
  return [main, ...asides]
    .map((part) => rawTokens(part).map((t) => t.toLowerCase()))
    .filter((l) => l.length > 0);
}

function tokenMatches(key: KeyToken, token: string, last: boolean, series: boolean): boolean {
  if (key.pattern) return key.pattern.test(token);
  if (token === key.text || token.startsWith(`${key.text}-`)) return true;
  return series && last && /\d/.test(key.text) && token.startsWith(key.text);
}

/** True when every token of `key` appears, in order and adjacent, in one of the device token lists. */
export function keyMatches(key: ProductKey, device: readonly (readonly string[])[]): boolean {
  const n = key.tokens.length;
  return device.some((tokens) => {
    for (let i = 0; i + n <= tokens.length; i++) {
      if (key.tokens.every((k, j) => tokenMatches(k, tokens[i + j]!, j === n - 1, key.series))) return true;
    }
    return false;
  });
}
