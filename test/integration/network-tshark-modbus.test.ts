// Our Modbus/TCP decoder agrees with tshark on every message: the generated capture with every
// public function code, and the Lemay SCADA captures when ../shared/data is present.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ModbusMessage } from '../../src/engines/protocols/index.js';
import { SHARED_DATA, decodeCapture } from '../fixtures/captures/decode-capture.js';
import { MODBUS_TSHARK_FIELDS, projectModbus, tsharkModbusFrame } from '../fixtures/captures/modbus-projection.js';
import { tsharkAvailable, tsharkFields } from '../fixtures/captures/tshark.js';

const FIXTURES = new URL('../fixtures/captures/', import.meta.url).pathname;
const LEMAY = join(SHARED_DATA, 'lemay-modbus');
const hasTshark = tsharkAvailable();
if (!hasTshark) console.warn('tshark not installed: skipping decoder-vs-tshark comparisons (apt-get install tshark)');
if (!existsSync(LEMAY)) console.warn(`${LEMAY} absent: skipping the Lemay capture comparisons`);

function compareWithTshark(capture: string): { frames: number; messages: number } {
  const ours = projectModbus(decodeCapture(capture).messages.filter((m): m is ModbusMessage => m.protocol === 'modbus'));
  const theirs = tsharkFields(capture, 'mbtcp', MODBUS_TSHARK_FIELDS);
  expect([...ours.keys()].sort((a, b) => a - b)).toEqual([...theirs.keys()].sort((a, b) => a - b));
  let messages = 0;
  for (const [frame, t] of theirs) {
    const expected = tsharkModbusFrame(t);
    expect({ frame, ...ours.get(frame) }).toEqual({ frame, ...expected });
    messages += expected['mbtcp.trans_id']!.length;
  }
  return { frames: theirs.size, messages };
}

describe.skipIf(!hasTshark)('Modbus decoder against tshark', () => {
  it.each(['modbus-all-functions.pcap', 'modbus-all-functions.pcapng'])('agrees on every message of the generated %s', (name) => {
    const { messages } = compareWithTshark(join(FIXTURES, name));
    expect(messages).toBe(2 * 19 + 2 * 4 + 4 + 4);
  });

  const lemay = existsSync(LEMAY) ? readdirSync(LEMAY).filter((f) => f.endsWith('.pcap')) : [];
  it.skipIf(lemay.length === 0).each(lemay)('agrees on every message of lemay-modbus/%s', (name) => {
    const { messages } = compareWithTshark(join(LEMAY, name));
    expect(messages).toBeGreaterThan(100);
  });
});
