import { fc, test as fcTest } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { isCityguardError } from '../../../domain/index.js';
import { CaptureReader, readCapture, readCaptureBytes } from './capture-reader.js';
import type { CapturedPacket } from './captured-packet.js';
import { encodePcap, encodePcapng, type PacketToWrite } from './capture-writer.js';

const packets: PacketToWrite[] = Array.from({ length: 5 }, (_, i) => ({ tsMs: 1_700_000_000_000 + i * 1.5, data: Uint8Array.from({ length: 60 + i }, (_, k) => (k + i) & 0xff) }));

function readAll(bytes: Uint8Array, chunkSizes: number[] = [bytes.length]): { got: CapturedPacket[]; summary: ReturnType<CaptureReader['end']> } {
  const got: CapturedPacket[] = [];
  const reader = new CaptureReader((p) => got.push(p), 'test.pcap');
  let off = 0;
  for (let i = 0; off < bytes.length; i++) {
    const n = chunkSizes[i % chunkSizes.length]!;
    reader.push(bytes.subarray(off, off + n));
    off += n;
  }
  return { got, summary: reader.end() };
}

describe('capture readers', () => {
  it.each([
    ['pcap', encodePcap],
    ['pcapng', encodePcapng],
  ] as const)('read every %s packet with number, time, bytes and link type', (format, encode) => {
    const { got, summary } = readAll(encode(packets));
    expect(summary).toMatchObject({ format, packets: 5 });
    expect(summary.stop).toBeUndefined();
    expect(got.map((p) => p.number)).toEqual([1, 2, 3, 4, 5]);
    expect(got.map((p) => Math.round(p.tsMs * 1000))).toEqual(packets.map((p) => Math.round(p.tsMs * 1000)));
    expect(got.map((p) => Array.from(p.data))).toEqual(packets.map((p) => Array.from(p.data)));
    expect(got.every((p) => p.linkType === 1 && p.originalLength === p.data.length)).toBe(true);
  });

  fcTest.prop([fc.array(fc.integer({ min: 1, max: 97 }), { minLength: 1, maxLength: 8 }), fc.boolean()])(
    'deliver the same packets whatever the chunk sizes',
    (sizes, ng) => {
      const bytes = (ng ? encodePcapng : encodePcap)(packets);
      const { got } = readAll(bytes, sizes);
      expect(got.map((p) => p.data.length)).toEqual(packets.map((p) => p.data.length));
    },
  );

  it('keep every packet before a cut and say where the capture stops', () => {
    const bytes = encodePcap(packets);
    const { got, summary } = readAll(bytes.subarray(0, bytes.length - 10));
    expect(got).toHaveLength(4);
    expect(summary.stop).toMatchObject({ code: 'CG_CAPTURE_TRUNCATED', atPacket: 5 });
    expect(summary.stop!.message).toContain('test.pcap: cut short at byte');
    expect(summary.stop!.message).toContain('its record announces 64 bytes but only 54 remain; the 4 packets before it were used');
  });

  it('stop at a record claiming an impossible length and keep what came before', () => {
    const bytes = encodePcap(packets);
    const secondRecord = 24 + 16 + 60;
    new DataView(bytes.buffer).setUint32(secondRecord + 8, 0x7fffffff, true);
    const { got, summary } = readAll(bytes);
    expect(got).toHaveLength(1);
    expect(summary.stop).toMatchObject({ code: 'CG_CAPTURE_CORRUPT', atPacket: 2, offsetBytes: secondRecord });
  });

  it('stop at a pcapng block whose trailing length disagrees', () => {
    const bytes = encodePcapng(packets);
    bytes[bytes.length - 1] = 0x55;
    const { got, summary } = readAll(bytes);
    expect(got).toHaveLength(4);
    expect(summary.stop?.code).toBe('CG_CAPTURE_CORRUPT');
  });

  it('refuse bytes that are not a capture with a coded error', () => {
    expect(() => readCaptureBytes(new TextEncoder().encode('hello, not a capture'), () => {})).toThrowError(/not a pcap or pcapng capture/);
    try {
      readCaptureBytes(new TextEncoder().encode('nope'), () => {});
    } catch (err) {
      expect(isCityguardError(err, 'CG_CAPTURE_FORMAT_UNKNOWN')).toBe(true);
    }
  });

  it('report an empty stream as an empty capture', () => {
    expect(readCaptureBytes(new Uint8Array(0), () => {})).toEqual({ format: 'empty', packets: 0, bytes: 0 });
  });

  it('read from an async stream of chunks and reject a missing file with a coded error', async () => {
    const bytes = encodePcap(packets);
    async function* chunks() {
      for (let i = 0; i < bytes.length; i += 33) yield bytes.subarray(i, i + 33);
    }
    let n = 0;
    expect((await readCapture(chunks(), () => n++)).packets).toBe(5);
    expect(n).toBe(5);
    await expect(readCapture('/nonexistent/capture.pcap', () => {})).rejects.toMatchObject({ code: 'CG_CAPTURE_UNREADABLE' });
  });
});
