import { fc, test as fcTest } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { TcpStream } from './tcp-stream.js';

const bytes = (n: number, start = 0) => Uint8Array.from({ length: n }, (_, i) => (start + i) & 0xff);

function collect(): { sink: (d: Uint8Array, gap: boolean) => void; out: number[]; gaps: number } {
  const state = { out: [] as number[], gaps: 0, sink: (_d: Uint8Array, _gap: boolean) => {} };
  state.sink = (d, gap) => {
    if (gap) state.gaps++;
    state.out.push(...d);
  };
  return state;
}

describe('TCP reassembly', () => {
  fcTest.prop([fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 12 }), fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.infiniteStream(fc.nat())])(
    'puts segments delivered in any order, with duplicates, back into the original byte stream (across sequence wrap)',
    (sizes, isn, random) => {
      const total = sizes.reduce((a, b) => a + b, 0);
      const data = bytes(total);
      const segments: { seq: number; data: Uint8Array }[] = [];
      let off = 0;
      for (const n of sizes) {
        segments.push({ seq: (isn + 1 + off) >>> 0, data: data.subarray(off, off + n) });
        off += n;
      }
      const shuffled = [...segments, ...segments.slice(0, 2)];
      for (let i = shuffled.length - 1; i > 0; i--) {
        const j = random.next().value % (i + 1);
        [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
      }
      const stream = new TcpStream();
      stream.syn(isn);
      const c = collect();
      for (const s of shuffled) stream.segment(s.seq, s.data, c.sink);
      stream.flush(c.sink);
      expect(c.out).toEqual(Array.from(data));
      expect(c.gaps).toBe(0);
    },
  );

  it('drops retransmitted bytes and keeps only the new part of an overlapping segment', () => {
    const stream = new TcpStream();
    stream.syn(99);
    const c = collect();
    stream.segment(100, bytes(10), c.sink);
    stream.segment(100, bytes(10), c.sink);
    stream.segment(105, bytes(10, 5), c.sink);
    expect(c.out).toEqual(Array.from(bytes(15)));
    expect(stream.retransmittedBytes).toBe(15);
  });

  it('reports a hole the capture never filled as a gap and carries on after it', () => {
    const stream = new TcpStream();
    stream.syn(0);
    const c = collect();
    stream.segment(1, bytes(5), c.sink);
    stream.segment(11, bytes(5, 10), c.sink);
    stream.flush(c.sink);
    expect(c.out).toEqual([0, 1, 2, 3, 4, 10, 11, 12, 13, 14]);
    expect([c.gaps, stream.gaps]).toEqual([1, 1]);
  });

  it('picks up a connection seen without its handshake', () => {
    const stream = new TcpStream();
    const c = collect();
    stream.segment(5000, bytes(3), c.sink);
    stream.segment(5003, bytes(3, 3), c.sink);
    expect(c.out).toEqual([0, 1, 2, 3, 4, 5]);
  });
});
