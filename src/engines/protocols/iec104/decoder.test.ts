import { describe, expect, it } from 'vitest';
import { IEC104_T, asdu, asduHeader, iFrame } from '../../../../test/fixtures/captures/iec104-traffic.js';
import type { MessageMeta } from '../message-meta.js';
import { decodeIec104Apdu } from './decoder.js';

const meta = {} as MessageMeta;

describe('IEC 60870-5-104 decoder', () => {
  it('reads a time-tagged float measurement sequence with addresses, values, quality and times', () => {
    const { message, problem } = decodeIec104Apdu(iFrame(5, 9, asdu(36, 3, true, 3, 4000)), meta);
    expect(problem).toBeUndefined();
    expect(message).toMatchObject({ format: 'I', sendSeq: 5, recvSeq: 9 });
    expect(message!.asdu!.objects.map((o) => [o.ioa, o.value, o.quality, o.timeMs])).toEqual([
      [4000, 21.5, 0, IEC104_T],
      [4001, 22.5, 0, IEC104_T + 1000],
      [4002, 23.5, 0, IEC104_T + 2000],
    ]);
  });

  it('reads a single command with its select/execute bit', () => {
    const { message } = decodeIec104Apdu(iFrame(0, 0, asdu(45, 1, false, 6, 77)), meta);
    expect(message!.asdu).toMatchObject({ typeName: 'C_SC_NA_1', operation: 'command', causeName: 'act' });
    expect(message!.asdu!.objects[0]).toMatchObject({ ioa: 77, value: 1, select: true });
  });

  it.each([
    [iFrame(0, 0, asdu(13, 2, false, 3, 1)).subarray(0, 20), 'M_ME_NC_1 with 2 objects needs 22 octets, has 14'],
    [iFrame(0, 0, [...asduHeader(99, 1, false, 3, 1), 1, 0, 0, 5]), 'type identification 99 is not a defined IEC 60870-5-104 type'],
    [Uint8Array.from([0x68, 4, 0x33, 0, 0, 0]), 'U-format control octet 0x33 names no single function'],
    [iFrame(0, 0, asdu(1, 1, false, 0, 1)), 'cause of transmission 0 is not used'],
  ])('reports a malformed APDU (%#)', (apdu, reason) => {
    const fixed = Uint8Array.from(apdu);
    fixed[1] = fixed.length - 2;
    expect(decodeIec104Apdu(fixed, meta).problem).toBe(reason);
  });
});
