// What an attack touched, told by kind of device rather than by id: "12 circuit breakers and 1 office computer".
import type { Asset, AssetKind } from '../../../src/domain/index.js';
import { ASSET_KIND_WORDS } from './plain-words.js';

/** "12 circuit breakers, 2 office computers and 1 control-room screen": what the attack touched, by kind. */
export function attackedSummary(assetIds: readonly string[], assets: ReadonlyMap<string, Asset>): string {
  const counts = new Map<AssetKind | 'other', number>();
  for (const id of assetIds) {
    const kind = assets.get(id)?.kind ?? 'other';
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  const parts = [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([kind, n]) => {
      const noun = kind === 'other' ? 'other device' : ASSET_KIND_WORDS[kind].split(' — ')[0]!.replace(/^(\S)/, (c) => c.toLowerCase());
      return `${n} ${n === 1 ? noun : plural(noun)}`;
    });
  return parts.length <= 1 ? (parts[0] ?? 'no devices') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

function plural(noun: string): string {
  const [head, ...rest] = noun.split(' (');
  const p = /(s|x|ch|sh)$/.test(head!) ? `${head}es` : /[^aeiou]y$/.test(head!) ? `${head!.slice(0, -1)}ies` : `${head}s`;
  return rest.length ? `${p} (${rest.join(' (')}` : p;
}
