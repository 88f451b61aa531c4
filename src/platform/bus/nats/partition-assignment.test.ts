import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { assignPartitions, desiredOwner } from './partition-assignment.js';

describe('partition assignment', () => {
  test.prop([fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 9 }), fc.integer({ min: 1, max: 64 })])(
    'gives every partition exactly one member, evenly, whatever order members are listed in',
    (members, partitions) => {
      const a = assignPartitions(members, partitions);
      const all = [...a.values()].flat().sort((x, y) => x - y);
      expect(all).toEqual([...Array(partitions).keys()]);
      const sizes = [...a.values()].map((l) => l.length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      for (let p = 0; p < partitions; p++) {
        const owner = desiredOwner([...members].reverse(), p)!;
        expect(a.get(owner)).toContain(p);
      }
    },
  );
});
