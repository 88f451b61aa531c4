import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { SyslogFrameDecoder } from './syslog-framing.js';

const octet = (m: string) => `${Buffer.byteLength(m)} ${m}`;
const messages = (frames: ReturnType<SyslogFrameDecoder['push']>) => frames.map((f) => (f.ok ? f.message : `!${f.sizeBytes}`));

describe('SyslogFrameDecoder', () => {
  it('splits octet-counted and LF-framed messages, also mixed on one stream', () => {
    const d = new SyslogFrameDecoder(1000);
    expect(messages(d.push(Buffer.from(`${octet('<13>1 - - - - - - a\nb')}<13>plain line\r\n${octet('<13>é')}`)))).toEqual([
      '<13>1 - - - - - - a\nb',
      '<13>plain line',
      '<13>é',
    ]);
  });

  it('waits for the rest of a frame split across chunks', () => {
    const d = new SyslogFrameDecoder(1000);
    const frame = octet('<13>1 - - - - - - hello');
    expect(d.push(Buffer.from(frame.slice(0, 12)))).toEqual([]);
    expect(messages(d.push(Buffer.from(`${frame.slice(12)}<13>x`)))).toEqual(['<13>1 - - - - - - hello']);
    expect(messages(d.push(Buffer.from('\n')))).toEqual(['<13>x']);
  });

  it('reports an oversized frame and keeps the frames after it', () => {
    const d = new SyslogFrameDecoder(10);
    const big = 'x'.repeat(50);
    expect(messages(d.push(Buffer.from(`${octet(big)}${octet('<1>ok')}<1>${big}\n<1>ok2\n`)))).toEqual(['!50', '<1>ok', '!53', '<1>ok2']);
  });

  test.prop([fc.array(fc.string({ minLength: 1, maxLength: 40 }).map((s) => `<13>${s.replace(/[\n\r\0]/g, ' ')}`), { maxLength: 20 }), fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1 })])(
    'yields the same messages however the stream is cut into chunks',
    (msgs, cuts) => {
      const stream = Buffer.from(msgs.map((m, i) => (i % 2 ? `${m}\n` : octet(m))).join(''));
      const d = new SyslogFrameDecoder(1000);
      const out: string[] = [];
      let at = 0;
      for (let i = 0; at < stream.length; i++) {
        const n = cuts[i % cuts.length]!;
        out.push(...messages(d.push(stream.subarray(at, at + n))));
        at += n;
      }
      expect(out).toEqual(msgs);
    },
  );
});
