import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { RecentIds } from './recent-ids.js';

describe('RecentIds', () => {
  it('refuses an id it holds and forgets the oldest once full', () => {
    const ids = new RecentIds(4);
    expect(['a', 'b', 'a', 'c', 'd', 'e'].map((x) => ids.add(x))).toEqual([true, true, false, true, true, true]);
    expect(ids.has('a')).toBe(false);
    expect(ids.has('e') && ids.has('d') && ids.has('c')).toBe(true);
  });

  test.prop([fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 400 }), fc.integer({ min: 2, max: 40 })])(
    'always remembers the last capacity/2 distinct ids and never more than capacity',
    (xs, capacity) => {
      const ids = new RecentIds(capacity);
      const seen: string[] = [];
      for (const x of xs) {
        const id = String(x);
        const wasRecent = seen.slice(-Math.floor(capacity / 2)).includes(id);
        const added = ids.add(id);
        if (wasRecent) expect(added).toBe(false);
        if (added) seen.push(id);
        expect(ids.size).toBeLessThanOrEqual(capacity);
      }
    },
  );
});
