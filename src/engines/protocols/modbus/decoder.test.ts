import { describe, expect, it } from 'vitest';
import { decodeCapture } from '../../../../test/fixtures/captures/decode-capture.js';
import { modbusAdu } from '../../../../test/fixtures/captures/modbus-traffic.js';
import { TrafficBuilder } from '../../../../test/fixtures/captures/traffic-builder.js';
import { encodePcap } from '../capture/capture-writer.js';
import type { MessageMeta } from '../message-meta.js';
import type { ModbusMessage } from './events.js';
import { decodeModbusAdu } from './decoder.js';

const meta = {} as MessageMeta;

function conversation(exchanges: [boolean, Uint8Array][]): Uint8Array {
  const b = new TrafficBuilder();
  const c = b.connect({ mac: '02:00:00:00:00:01', ip: '10.0.0.1', port: 40000 }, { mac: '02:00:00:00:00:02', ip: '10.0.0.2', port: 502 });
  for (const [fromClient, bytes] of exchanges) c.send(fromClient, bytes);
  return encodePcap(b.packets);
}

describe('Modbus decoder', () => {
  it('decodes a write of multiple registers with address, quantity and values', () => {
    const { message, problem } = decodeModbusAdu(modbusAdu(9, 3, 16, [0x00, 0x10, 0x00, 0x02, 0x04, 0x00, 0x0a, 0x01, 0x02]), 'request', meta);
    expect(problem).toBeUndefined();
    expect(message).toMatchObject({ functionName: 'write_multiple_registers', operation: 'write', unitId: 3, address: 16, quantity: 2, values: [10, 258] });
  });

  it('gives read responses the address and quantity of their request', () => {
    const d = decodeCapture(conversation([[true, modbusAdu(1, 1, 3, [0, 100, 0, 2])], [false, modbusAdu(1, 1, 3, [4, 0, 7, 0, 8])]]));
    const response = d.messages[1] as ModbusMessage;
    expect(response).toMatchObject({ direction: 'response', address: 100, quantity: 2, values: [7, 8], matchedRequest: true });
  });

  it('names an exception response and its code', () => {
    const { message } = decodeModbusAdu(modbusAdu(2, 1, 0x83, [2]), 'response', meta);
    expect(message).toMatchObject({ functionCode: 3, exceptionCode: 2, exceptionName: 'illegal_data_address' });
  });

  it.each([
    [modbusAdu(1, 1, 16, [0, 1, 0, 2, 3, 0, 1, 2]), 'write_multiple_registers: byte count 3 does not match quantity 2'],
    [modbusAdu(1, 1, 3, [0, 0, 0, 200]), 'read_holding_registers: quantity 200 outside 1–125'],
    [modbusAdu(1, 1, 5, [0, 1, 0x12, 0x34]), 'write_single_coil: value 0x1234 is neither 0xFF00 nor 0x0000'],
    [modbusAdu(1, 1, 90, [1, 2]), 'function code 90 is not a public Modbus function'],
    [Uint8Array.from([0, 1, 0, 7, 0, 6, 1, 3, 0, 0, 0, 1]), 'MBAP protocol id 7 is not 0 (Modbus)'],
  ])('reports a malformed request as an anomaly (%#)', (adu, reason) => {
    const d = decodeCapture(conversation([[true, adu]]));
    expect(d.anomalies.map((a) => a.reason)).toEqual([reason]);
    expect(d.counts['modbus']).toEqual({ messages: 1, errors: 1 });
  });

  it('drops bytes that cannot be an MBAP header, counts them and decodes the next segment', () => {
    const d = decodeCapture(conversation([[true, Uint8Array.from([0, 1, 0, 0, 0xff, 0xff, 1, 3])], [true, modbusAdu(2, 1, 3, [0, 0, 0, 1])]]));
    expect(d.anomalies.map((a) => a.reason)).toEqual(['8 bytes that do not start a message']);
    expect(d.counts['modbus']).toEqual({ messages: 1, errors: 1 });
  });
});
