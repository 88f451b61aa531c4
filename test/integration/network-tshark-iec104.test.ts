// Our IEC 60870-5-104 decoder agrees with tshark on every APDU of the generated capture: U and S
// frames, sequence numbers, and for every supported type id the ASDU header, object addresses
// and element values.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IEC104_TYPES, type Iec104Message } from '../../src/engines/protocols/index.js';
import { decodeCapture } from '../fixtures/captures/decode-capture.js';
import { IEC104_TSHARK_FIELDS, projectIec104, tsharkIec104Frame } from '../fixtures/captures/iec104-projection.js';
import { tsharkAvailable, tsharkFields } from '../fixtures/captures/tshark.js';

const FIXTURES = new URL('../fixtures/captures/', import.meta.url).pathname;
const hasTshark = tsharkAvailable();
if (!hasTshark) console.warn('tshark not installed: skipping IEC-104 decoder-vs-tshark comparison');

describe.skipIf(!hasTshark)('IEC 60870-5-104 decoder against tshark', () => {
  it('agrees on every APDU of the generated capture', () => {
    const capture = join(FIXTURES, 'iec104-all-types.pcap');
    const decoded = decodeCapture(capture);
    const messages = decoded.messages.filter((m): m is Iec104Message => m.protocol === 'iec104');
    const ours = projectIec104(messages);
    const theirs = tsharkFields(capture, 'iec60870_104', IEC104_TSHARK_FIELDS);
    expect([...ours.keys()].sort((a, b) => a - b)).toEqual([...theirs.keys()].sort((a, b) => a - b));
    for (const [frame, t] of theirs) expect({ frame, ...ours.get(frame) }).toEqual({ frame, ...tsharkIec104Frame(t) });
    const types = new Set(messages.flatMap((m) => (m.asdu ? [m.asdu.typeId] : [])));
    expect([...Object.keys(IEC104_TYPES).map(Number), 125].filter((t) => !types.has(t))).toEqual([]);
    expect(new Set(messages.map((m) => m.uFunction ?? m.format))).toEqual(
      new Set(['I', 'S', 'startdt_act', 'startdt_con', 'stopdt_act', 'stopdt_con', 'testfr_act', 'testfr_con']),
    );
    expect(decoded.counts['iec104']?.errors).toBe(0);
  });
});
