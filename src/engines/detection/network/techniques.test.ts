import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NETWORK_TECHNIQUES } from './techniques.js';

describe('network technique table', () => {
  it('matches content/attack-ics/techniques.json in name and first tactic', () => {
    const content = JSON.parse(readFileSync(new URL('../../../../content/attack-ics/techniques.json', import.meta.url), 'utf8')) as {
      techniques: { id: string; name: string; tactics: string[] }[];
    };
    const byId = new Map(content.techniques.map((t) => [t.id, t]));
    for (const [id, t] of Object.entries(NETWORK_TECHNIQUES)) expect({ id, ...t }).toEqual({ id, name: byId.get(id)?.name, tactic: byId.get(id)?.tactics[0] });
  });
});
