import { describe, expect, it } from 'vitest';
import type { Asset, AssetRisk, Finding, Severity } from '../../../domain/index.js';
import { buildFinding } from '../audit/finding-builder.js';
import { DEFAULT_POSTURE_POLICY } from './posture-policy.js';
import { remediationPlan } from './remediation-plan.js';

const asset = (id: string, model = 'M1'): Asset => ({
  id,
  name: id,
  kind: 'plc',
  vendor: 'Acme',
  model,
  firmware: '1.0',
  protocols: [],
  network: {},
  zone: 'water',
  district: 'd',
  location: [0, 0],
  criticality: 'high',
  services: [],
  tags: [],
  params: {},
  source: 'declared',
});
const finding = (
  check: 'default-credentials' | 'unsigned-firmware' | 'plaintext-protocol',
  a: Asset,
  severity: Severity,
  kev = false,
): Finding => ({
  ...buildFinding(check, {
    subject: a.id,
    severity,
    title: `${check} ${a.id}`,
    why: 'w',
    assets: [a],
    evidence: [{ source: 'city-file', where: '/x', fact: 'f' }],
  }),
  ...(kev
    ? {
        advisory: {
          advisoryId: 'A-1',
          source: 'csaf',
          cves: ['CVE-2020-0001'],
          maxCvss: 5,
          kev: true,
          matchedProduct: 'x',
        },
      }
    : {}),
});
const risk = (assetId: string, score: number): AssetRisk => ({
  assetId,
  score,
  exposure: 0,
  weakness: 0,
  impact: 0,
  peopleDepending: 0,
  findingIds: [],
  reasons: [],
});

describe('remediation plan', () => {
  const [a, b, c, d] = [asset('a'), asset('b'), asset('c', 'M2'), asset('d', 'M3')];
  const plan = remediationPlan(
    [
      finding('unsigned-firmware', a, 'medium'),
      finding('unsigned-firmware', b, 'medium'),
      finding('default-credentials', c, 'critical'),
      finding('plaintext-protocol', d, 'high'),
      finding('plaintext-protocol', a, 'low', true),
    ],
    [risk('a', 45), risk('b', 10), risk('c', 5), risk('d', 59.9)],
    [a, b, c, d],
    DEFAULT_POSTURE_POLICY,
  );

  it('groups the same fix on the same model into one action', () => {
    const unsigned = plan.find((i) => i.findingIds.includes('unsigned-firmware:a'))!;
    expect(unsigned.assetIds).toEqual(['a', 'b']);
    expect(unsigned.action).toBe('Enforce signed firmware: 2 × Acme M1: a, b');
  });

  it('puts critical and known-exploited first whatever the risk, high by risk, medium by risk, low later', () => {
    expect(plan.map((i) => [i.priority, i.findingIds[0]])).toEqual([
      ['now', 'plaintext-protocol:a'], // known exploited, risk 45
      ['now', 'default-credentials:c'], // critical, risk 5
      ['next', 'plaintext-protocol:d'], // high but risk 59.9 < 60
      ['next', 'unsigned-firmware:a'], // medium at risk 45 >= 40
    ]);
    expect(plan[0]!.reason).toMatch(/exploited in the wild/);
  });

  it('moves a high finding to now once its asset crosses the fix-now risk', () => {
    const moved = remediationPlan(
      [finding('plaintext-protocol', d, 'high')],
      [risk('d', 60)],
      [d],
      DEFAULT_POSTURE_POLICY,
    );
    expect(moved[0]!.priority).toBe('now');
    const low = remediationPlan(
      [finding('plaintext-protocol', d, 'low')],
      [risk('d', 99)],
      [d],
      DEFAULT_POSTURE_POLICY,
    );
    expect(low[0]!.priority).toBe('later');
  });
});
