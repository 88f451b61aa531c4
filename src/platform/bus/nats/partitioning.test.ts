import { describe, expect, it } from 'vitest';
import { isPlainName, isTopicName, partitionOf, TopicNames } from './partitioning.js';

describe('partitionOf', () => {
  it('is FNV-1a over UTF-8 (published vectors), so every process and version agrees', () => {
    expect(partitionOf('', 2 ** 32)).toBe(0x811c9dc5);
    expect(partitionOf('a', 2 ** 32)).toBe(0xe40c292c);
    expect(partitionOf('foobar', 2 ** 32)).toBe(0xbf9cf968);
  });

  it('keeps the partitions of known keys (changing them would move assets between workers)', () => {
    expect(['br-1', 'tl-17', 'pump-3'].map((k) => partitionOf(k, 16))).toEqual([11, 12, 3]);
  });

  it('spreads a city of asset ids over every partition', () => {
    const counts = new Array<number>(16).fill(0);
    for (let i = 0; i < 16_000; i++) counts[partitionOf(`asset-${i}`, 16)]!++;
    expect(Math.min(...counts)).toBeGreaterThan(800);
    expect(Math.max(...counts)).toBeLessThan(1200);
  });
});

describe('names', () => {
  it('accepts topics of lower-case tokens and refuses what NATS subjects cannot hold', () => {
    expect(isTopicName('ingest.event.received')).toBe(true);
    for (const bad of ['', 'a..b', 'a.*', 'a.>', 'A.b', 'a b', 'a_b']) expect(isTopicName(bad)).toBe(false);
    expect(isPlainName('detect-rules')).toBe(true);
    expect(isPlainName('a.b')).toBe(false);
  });

  it('names a stream per topic and a subject and consumer per partition', () => {
    const n = new TopicNames('CITYGUARD', 'ingest.event.received');
    expect([n.stream, n.allSubjects, n.subject(7), n.consumer('detect-rules', 7)]).toEqual([
      'CITYGUARD_ingest_event_received',
      'CITYGUARD.ingest.event.received.*',
      'CITYGUARD.ingest.event.received.7',
      'detect-rules_p7',
    ]);
  });
});
