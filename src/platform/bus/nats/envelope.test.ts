import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { decodeEnvelope, encodeEnvelope } from './envelope.js';

describe('message envelopes', () => {
  test.prop([fc.array(fc.jsonValue(), { minLength: 1, maxLength: 20 })])('carry any JSON values in order, alone or batched', (values) => {
    expect(decodeEnvelope(encodeEnvelope(values.map((v) => JSON.stringify(v))))).toEqual(JSON.parse(JSON.stringify(values)));
  });

  it('reads a plain JSON message as one value and refuses what is not JSON', () => {
    expect(decodeEnvelope(new TextEncoder().encode('{"a":1}'))).toEqual([{ a: 1 }]);
    expect(() => decodeEnvelope(new TextEncoder().encode('not json'))).toThrow(SyntaxError);
    expect(() => decodeEnvelope(new Uint8Array([0x1e, 0x7b, 0x7d]))).toThrow(SyntaxError);
  });
});
