// The network detector on a generated SCADA capture: quiet on normal polling, then each attack is
// alerted with its ATT&CK for ICS technique and plain words, alerts and events fit the domain schemas.
import Value from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { Alert as AlertSchema, NetworkEvent as NetworkEventSchema, type Alert, type NetworkEvent } from '../../src/domain/index.js';
import { NetworkDetector, type PacketVerdict } from '../../src/engines/detection/network/index.js';
import { readCaptureBytes } from '../../src/engines/protocols/index.js';
import { SCADA, SCADA_NORMAL_PACKETS, buildScadaTraffic } from '../fixtures/captures/scada-traffic.js';

function run(): { verdicts: PacketVerdict[]; alerts: Alert[]; events: NetworkEvent[]; capture: ReturnType<typeof buildScadaTraffic> } {
  const capture = buildScadaTraffic();
  const alerts: Alert[] = [];
  const events: NetworkEvent[] = [];
  const detector = new NetworkDetector(
    { learnPackets: SCADA_NORMAL_PACKETS, events: { idPrefix: 'scada', receivedTs: 1 }, assetOf: (ip) => (ip === SCADA.plc.ip ? 'plc-pump-station-2' : undefined) },
    { alert: (a) => alerts.push(a), event: (e) => events.push(e) },
  );
  const verdicts: PacketVerdict[] = [];
  readCaptureBytes(capture.bytes, (p) => verdicts.push(detector.push(p)));
  detector.finish();
  return { verdicts, alerts, events, capture };
}

describe('network detector on a generated SCADA capture', () => {
  const { verdicts, alerts, events, capture } = run();
  const baselineFindings = (packet: number) => verdicts[packet - 1]!.findings.filter((f) => f.kind !== 'network-anomaly');

  it('learns the normal polling without raising anything', () => {
    expect(verdicts.slice(0, SCADA_NORMAL_PACKETS).every((v) => v.learning && !v.alert)).toBe(true);
  });

  it('alerts the rogue write naming the rogue master, and the new device it came from', () => {
    const f = baselineFindings(capture.rogueWrite);
    expect(f.map((x) => x.technique)).toEqual(expect.arrayContaining(['T0848', 'T0855']));
    expect(f.find((x) => x.technique === 'T0848')!.title).toBe(`rogue Modbus master ${SCADA.rogue.ip} sent write_single_coil to ${SCADA.plc.ip} (station 1)`);
    const device = alerts.find((a) => a.technique.id === 'T0864')!;
    expect(device.evidence.facts['uninventoried']).toBe(true);
    expect(device.title).toContain(SCADA.rogue.ip);
  });

  it('alerts a reported value far outside its learned range and the restart command', () => {
    expect(baselineFindings(capture.outOfRange).map((x) => [x.kind, x.technique, x.facts['value']])).toEqual([['value-out-of-range', 'T0832', 999]]);
    expect(baselineFindings(capture.restart).map((x) => [x.kind, x.technique])).toEqual([['new-command', 'T0816']]);
  });

  it('raises each distinct finding once as a schema-valid alert tied to known assets', () => {
    const rogue = alerts.filter((a) => a.technique.id === 'T0848');
    expect(rogue).toHaveLength(1);
    expect(rogue[0]).toMatchObject({ severity: 'critical', tactic: 'initial-access', assetIds: ['plc-pump-station-2'], detector: { kind: 'protocol-baseline' } });
    expect(rogue[0]!.explanation.whatToDo.length).toBeGreaterThan(0);
    for (const a of alerts) expect(Value.Errors(AlertSchema, a).map((e) => `${a.title}: ${e.message}`)).toEqual([]);
    expect(new Set(alerts.map((a) => a.dedupKey)).size).toBe(alerts.length);
  });

  it('produces schema-valid NetworkEvents for every Modbus message and every flow', () => {
    const modbus = events.filter((e) => e.protocol === 'modbus' && e.action !== 'flow');
    expect(modbus.length).toBe(2 * 626 + 2 + 2);
    expect(events.filter((e) => e.action === 'flow')).toHaveLength(2);
    for (const e of events.slice(0, 50).concat(events.slice(-5))) expect(Value.Errors(NetworkEventSchema, e).map((x) => x.message)).toEqual([]);
    expect(modbus.find((e) => e.action === 'write_single_coil')).toMatchObject({ srcIp: SCADA.rogue.ip, dstIp: SCADA.plc.ip, assetId: 'plc-pump-station-2', attrs: { address: 7, values: '1' } });
  });
});
