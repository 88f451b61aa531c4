// Issue 4 targets on the real Lemay captures (skipped with a message when ../shared/data is absent):
// the forged command of send_a_fake_command is alerted naming the rogue master, and the
// reconnaissance capture, learned from send_a_fake_command's normal start, reaches ROC-AUC ≥ 0.95.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectOffline, type PacketVerdict } from '../../src/engines/detection/network/index.js';
import { rocAuc } from '../../bench/detect-network/metrics.js';
import { readFileSync } from 'node:fs';
import { SHARED_DATA } from '../fixtures/captures/decode-capture.js';

const LEMAY = join(SHARED_DATA, 'lemay-modbus');
const present = existsSync(LEMAY);
if (!present) console.warn(`${LEMAY} absent: skipping the Lemay detection targets`);
const capture = (name: string) => join(LEMAY, `${name}.pcap`);
const labels = (name: string) => readFileSync(join(LEMAY, `${name}_labeled.csv`), 'utf8').trim().split('\n').map((l) => Number(l.split(';')[1]));
const FAKE = 'send_a_fake_command_modbus_6RTU_with_operate';
const RECON = 'characterization_modbus_6RTU_with_operate';

describe.skipIf(!present)('Lemay Modbus captures', () => {
  it('alerts the forged write of send_a_fake_command with a reason naming the rogue master', async () => {
    const verdicts: PacketVerdict[] = [];
    await detectOffline({ test: capture(FAKE), learnFraction: 0.42, onVerdict: (v) => verdicts.push(v) });
    const forged = verdicts.find((v) => v.packet === 4785)!;
    expect(forged.alert).toBe(true);
    expect(forged.findings.map((f) => f.title)).toContain('rogue Modbus master 192.168.1.101 sent write_single_coil to 192.168.1.102 (station 1)');
  });

  it('separates the reconnaissance from normal polling with ROC-AUC ≥ 0.95 when learned from send_a_fake_command', async () => {
    const scores: number[] = [];
    await detectOffline({ train: capture(FAKE), trainPackets: 4700, test: capture(RECON), onVerdict: (v) => scores.push(v.score) });
    expect(rocAuc(scores, labels(RECON))).toBeGreaterThanOrEqual(0.95);
  });
});
