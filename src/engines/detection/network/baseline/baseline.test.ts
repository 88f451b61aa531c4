import { describe, expect, it } from 'vitest';
import { NETWORK_BASELINE_DEFAULTS } from './baseline-options.js';
import type { ControlMessage } from './control-message.js';
import { HostInventory } from './host-inventory.js';
import { PollingTiming } from './polling-timing.js';
import { ProtocolBaseline } from './protocol-baseline.js';
import { ScanDetector } from './scan-detector.js';
import { SequenceChecker } from './sequence-checker.js';
import type { Dnp3Message, Iec104Message } from '../../../protocols/index.js';

const msg = (over: Partial<ControlMessage> = {}): ControlMessage => ({
  protocol: 'modbus',
  packet: 1,
  tsMs: 0,
  master: '10.0.0.1',
  slave: '10.0.0.2',
  fromMaster: true,
  station: 1,
  command: 'read_holding_registers',
  commandClass: 'read',
  exception: false,
  blocks: [{ table: 'holding', start: 0, count: 2 }],
  ...over,
});

function learned(): ProtocolBaseline {
  const b = new ProtocolBaseline();
  for (let i = 0; i < 10; i++) {
    b.learn(msg());
    b.learn(msg({ fromMaster: false, commandClass: 'response', blocks: [{ table: 'holding', start: 0, count: 2, values: [100 + i, 5] }] }));
  }
  return b;
}

describe('protocol baseline', () => {
  it('stays quiet on traffic like the learned traffic', () => {
    const b = learned();
    expect(b.check(msg())).toEqual([]);
    expect(b.check(msg({ fromMaster: false, commandClass: 'response', blocks: [{ table: 'holding', start: 0, count: 2, values: [104, 5] }] }))).toEqual([]);
  });

  it('names a host that never acted as master as a rogue master (T0848), critical when it writes', () => {
    const f = learned().check(msg({ master: '10.0.0.66', command: 'write_single_coil', commandClass: 'write', blocks: [{ table: 'coil', start: 7, count: 1, values: [1] }] }));
    expect(f.map((x) => [x.kind, x.technique, x.severity])).toEqual([
      ['new-master', 'T0848', 'critical'],
      ['new-command', 'T0855', 'high'],
      ['new-address', 'T0855', 'high'],
    ]);
    expect(f[0]!.title).toBe('rogue Modbus master 10.0.0.66 sent write_single_coil to 10.0.0.2 (station 1)');
  });

  it('reports a restart command the link never carried (T0816)', () => {
    const f = learned().check(msg({ command: 'diagnostics', commandClass: 'restart', blocks: [] }));
    expect(f.map((x) => [x.kind, x.technique])).toEqual([['new-command', 'T0816']]);
  });

  it('reports a reported value outside the learned range with its tolerance', () => {
    const b = learned();
    const inRange = b.check(msg({ fromMaster: false, commandClass: 'response', blocks: [{ table: 'holding', start: 0, count: 1, values: [109.5] }] }));
    const outside = b.check(msg({ fromMaster: false, commandClass: 'response', blocks: [{ table: 'holding', start: 0, count: 1, values: [150] }] }));
    expect(inRange).toEqual([]);
    expect(outside.map((x) => [x.kind, x.technique, x.facts['learnedMin'], x.facts['learnedMax']])).toEqual([['value-out-of-range', 'T0832', 100, 109]]);
  });
});

describe('polling timing', () => {
  function trained(): PollingTiming {
    const t = new PollingTiming();
    for (let i = 0; i <= 20; i++) t.observe(msg({ tsMs: i * 1000 }));
    t.endLearning();
    return t;
  }

  it('reports a poll far later than the learned period as a timing break (T0815)', () => {
    const t = trained();
    expect(t.observe(msg({ tsMs: 21_000 }))).toBeUndefined();
    expect(t.observe(msg({ tsMs: 30_000 }))?.technique).toBe('T0815');
  });

  it('reports sustained polling far faster than learned (T0806)', () => {
    const t = trained();
    const found = Array.from({ length: 12 }, (_, i) => t.observe(msg({ tsMs: 20_000 + (i + 1) * 50 }))).filter(Boolean);
    expect(found.map((f) => f!.kind)).toEqual(['polling-burst', 'polling-burst', 'polling-burst']);
  });
});

describe('scan detector', () => {
  it('reports a host opening connections to many targets within the window (T0846)', () => {
    const s = new ScanDetector();
    const found = Array.from({ length: NETWORK_BASELINE_DEFAULTS.scanSynTargets }, (_, i) => s.syn('10.0.0.9', '10.0.0.2', 1 + i, i + 1, i * 10));
    expect(found.slice(0, -1).every((f) => f === undefined)).toBe(true);
    expect(found.at(-1)?.technique).toBe('T0846');
  });

  it('reports a master drawing many exception replies from one device (T0888)', () => {
    const s = new ScanDetector();
    const found = Array.from({ length: NETWORK_BASELINE_DEFAULTS.scanExceptions }, (_, i) => s.control(msg({ fromMaster: false, exception: true, packet: i })));
    expect(found.at(-1)?.title).toBe('10.0.0.1 received 10 error replies from 10.0.0.2 within 60 s');
  });
});

describe('host inventory', () => {
  it('reports an unknown host of a learned network once, and ignores other networks', () => {
    const h = new HostInventory();
    h.learn('10.0.0.1');
    expect(h.check('10.0.0.1', 'm', 1, 0)).toBeUndefined();
    const f = h.check('10.0.0.77', '02:00:00:00:00:77', 2, 0);
    expect([f?.kind, f?.technique, f?.facts['uninventoried']]).toEqual(['new-device', 'T0864', true]);
    expect(h.check('10.0.0.77', '02:00:00:00:00:77', 3, 0)).toBeUndefined();
    expect(h.check('8.8.8.8', '', 4, 0)).toBeUndefined();
  });
});

describe('sequence checker', () => {
  const meta = { packet: 1, tsMs: 0, srcIp: '10.0.0.2', dstIp: '10.0.0.1', flowId: 7, fromClient: false } as Iec104Message['meta'];
  const i = (sendSeq: number): Iec104Message => ({ protocol: 'iec104', meta, format: 'I', sendSeq, recvSeq: 0 });
  const dnp3 = (seq: number): Dnp3Message => ({
    protocol: 'dnp3',
    meta,
    source: 1,
    destination: 10,
    fromMaster: true,
    primary: true,
    linkFunction: 4,
    linkFunctionName: 'unconfirmed_user_data',
    application: { fir: true, fin: true, con: false, uns: false, seq, functionCode: 1, functionName: 'read', operation: 'read', objects: [] },
  });

  it('accepts IEC-104 N(S) one by one across the wrap at 32,768', () => {
    const s = new SequenceChecker();
    expect([32766, 32767, 0, 1].map((n) => s.check(i(n)))).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('reports IEC-104 gaps, repeats and steps backwards (T0830)', () => {
    const s = new SequenceChecker();
    const kinds = [5, 6, 9, 9, 4].map((n) => s.check(i(n))?.facts['kind']);
    expect(kinds).toEqual([undefined, undefined, 'gap', 'repeat', 'backwards']);
  });

  it('reports a repeated DNP3 request sequence', () => {
    const s = new SequenceChecker();
    expect([14, 15, 0, 0].map((n) => s.check(dnp3(n))?.technique)).toEqual([undefined, undefined, undefined, 'T0830']);
  });
});
