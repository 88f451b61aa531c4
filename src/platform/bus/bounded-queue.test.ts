import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { FifoQueue } from './bounded-queue.js';

describe('FifoQueue', () => {
  test.prop([fc.array(fc.oneof(fc.integer(), fc.constant(-1)), { maxLength: 20000 }), fc.integer({ min: 1, max: 5000 })])(
    'returns values in the order pushed whatever the batch size',
    (ops, batch) => {
      const q = new FifoQueue<number>();
      const out: number[] = [];
      const pushed: number[] = [];
      for (const op of ops) {
        if (op === -1) out.push(...q.take(batch));
        else {
          q.push(op);
          pushed.push(op);
        }
      }
      while (q.length > 0) out.push(...q.take(batch));
      expect(out).toEqual(pushed);
    },
  );
});
