import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit.js';

function recorder(options: { failOnBatch?: number; delayMs?: number } = {}) {
  const batches: number[][] = [];
  const commit = async (items: number[]) => {
    batches.push(items);
    if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
    if (batches.length === options.failOnBatch) throw new Error('disk full');
  };
  return { batches, commit };
}

describe('GroupCommit', () => {
  it('batches items submitted while a commit is in flight, in order, within the batch limit', async () => {
    const { batches, commit } = recorder({ delayMs: 5 });
    const gc = new GroupCommit(commit, { maxBatchItems: 10, now: () => performance.now() });
    const first = gc.submitOne(0);
    await new Promise((r) => setImmediate(r));
    const rest = Array.from({ length: 25 }, (_, i) => gc.submitOne(i + 1));
    await Promise.all([first, ...rest]);
    expect(batches[0]).toEqual([0]);
    expect(batches.slice(1).map((b) => b.length)).toEqual([10, 10, 5]);
    expect(batches.flat()).toEqual(Array.from({ length: 26 }, (_, i) => i));
    expect(gc.stats).toMatchObject({ commits: 4, committedItems: 26, largestBatchItems: 10 });
  });

  it('keeps a multi-item submission whole even when it exceeds the batch limit', async () => {
    const { batches, commit } = recorder();
    const gc = new GroupCommit(commit, { maxBatchItems: 3, now: () => 0 });
    await Promise.all([gc.submit([1, 2, 3, 4, 5]), gc.submitOne(6)]);
    expect(batches).toEqual([[1, 2, 3, 4, 5], [6]]);
  });

  it('runs exclusive tasks between batches, never during a commit', async () => {
    const events: string[] = [];
    const gc = new GroupCommit<number>(
      async (items) => {
        events.push(`commit ${items.join(',')} start`);
        await new Promise((r) => setTimeout(r, 5));
        events.push('commit end');
      },
      { maxBatchItems: 100, now: () => 0 },
    );
    const a = gc.submitOne(1);
    const task = gc.exclusive(async () => void events.push('task'));
    await Promise.all([a, task]);
    expect(events).toEqual(['commit 1 start', 'commit end', 'task']);
  });

  it('fails the batch that could not be written, everything queued behind it, and every later submission', async () => {
    const { commit } = recorder({ failOnBatch: 2, delayMs: 2 });
    const gc = new GroupCommit(commit, { maxBatchItems: 2, now: () => 0 });
    const results = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => gc.submitOne(i)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'rejected', 'rejected', 'rejected']);
    await expect(gc.submitOne(7)).rejects.toThrow('disk full');
    expect(gc.failed).toBeInstanceOf(Error);
  });
});
