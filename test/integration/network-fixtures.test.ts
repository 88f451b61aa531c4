// The generated captures checked in under test/fixtures/captures match their generators, so the
// files tshark and Wireshark users open are the ones the tests reason about.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENERATED_CAPTURES } from '../fixtures/captures/generated-captures.js';

const FIXTURES = new URL('../fixtures/captures/', import.meta.url).pathname;

describe('generated capture fixtures', () => {
  it.each(Object.keys(GENERATED_CAPTURES))('%s matches its generator (regenerate with npx tsx test/fixtures/captures/generate.ts)', (name) => {
    expect(Buffer.compare(readFileSync(join(FIXTURES, name)), Buffer.from(GENERATED_CAPTURES[name]!()))).toBe(0);
  });
});
