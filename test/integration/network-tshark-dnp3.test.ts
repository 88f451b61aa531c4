// Our DNP3 decoder agrees with tshark on every link frame and application fragment of the
// generated capture: link functions, transport sequence, function codes, IIN, object headers,
// qualifiers, point indexes and values.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dnp3ObjectCatalog, type Dnp3Message } from '../../src/engines/protocols/index.js';
import { TSHARK_DNP3_GAPS } from '../fixtures/captures/dnp3-traffic.js';
import { decodeCapture } from '../fixtures/captures/decode-capture.js';
import { DNP3_TSHARK_FIELDS, projectDnp3, tsharkDnp3Frame } from '../fixtures/captures/dnp3-projection.js';
import { tsharkAvailable, tsharkFields } from '../fixtures/captures/tshark.js';

const FIXTURES = new URL('../fixtures/captures/', import.meta.url).pathname;
const hasTshark = tsharkAvailable();
if (!hasTshark) console.warn('tshark not installed: skipping DNP3 decoder-vs-tshark comparison');

describe.skipIf(!hasTshark)('DNP3 decoder against tshark', () => {
  it('agrees on every DNP3 message of the generated capture', () => {
    const capture = join(FIXTURES, 'dnp3-objects.pcap');
    const decoded = decodeCapture(capture);
    const ours = projectDnp3(decoded.messages.filter((m): m is Dnp3Message => m.protocol === 'dnp3'));
    const theirs = tsharkFields(capture, 'dnp3', DNP3_TSHARK_FIELDS);
    const compared = new Set<number>();
    for (const [frame, t] of theirs) {
      const expected = tsharkDnp3Frame(t);
      expect({ frame, ...ours.get(frame) }).toEqual({ frame, ...expected });
      compared.add(frame);
    }
    expect([...ours.keys()].filter((f) => !compared.has(f))).toEqual([]);
    const apps = decoded.messages.flatMap((m) => (m.protocol === 'dnp3' && m.application ? [m.application] : []));
    const functions = new Set(apps.map((a) => a.functionCode));
    expect([...Array(34).keys(), 129, 130].filter((fc) => !functions.has(fc))).toEqual([]);
    const objects = new Set(apps.flatMap((a) => a.objects.map((o) => (o.group << 8) | o.variation)));
    const catalogue = dnp3ObjectCatalog().map((o) => (o.group << 8) | o.variation);
    expect(catalogue.filter((gv) => !objects.has(gv) && !TSHARK_DNP3_GAPS.has(gv))).toEqual([]);
    expect(decoded.counts['dnp3']).toEqual({ messages: 252, errors: 0 });
  });
});
