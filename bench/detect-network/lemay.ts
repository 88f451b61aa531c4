// The Lemay & Fernandez Modbus captures (../shared/data/lemay-modbus): packets in memory and the
// per-packet labels, and how each capture is learned (README of the data set, issue 4 §6).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCaptureBytes, type CapturedPacket } from '../../src/engines/protocols/index.js';

/** One capture with its labels (1 = attack), index i ↔ packet i + 1. */
export interface LabelledCapture {
  name: string;
  bytes: Uint8Array;
  packets: CapturedPacket[];
  labels: number[];
}

/** How a capture is learned: its own normal start, or the normal start of another capture. */
export type Learning = { kind: 'self'; fraction: number } | { kind: 'other'; capture: string; packets: number };

/** The normal polling of send_a_fake_command before its attack (packet 4,782): the training set for captures attacked from the start. */
export const CROSS_TRAIN = { kind: 'other', capture: 'send_a_fake_command_modbus_6RTU_with_operate', packets: 4700 } as const satisfies Learning;

/**
 * Learning per capture. Self fractions stop before the first labelled attack packet (CnC 811 of
 * 1,426; moving_two_files 325 of 3,319; send_a_fake 4,782 of 11,166), rounded down; the captures
 * attacked from the first packets learn from send_a_fake_command instead.
 */
export const LEARNING: Readonly<Record<string, Learning>> = {
  send_a_fake_command_modbus_6RTU_with_operate: { kind: 'self', fraction: 0.42 },
  CnC_uploading_exe_modbus_6RTU_with_operate: { kind: 'self', fraction: 0.5 },
  moving_two_files_modbus_6RTU: { kind: 'self', fraction: 0.09 },
  characterization_modbus_6RTU_with_operate: CROSS_TRAIN,
  exploit_ms08_netapi_modbus_6RTU_with_operate: CROSS_TRAIN,
};

/** Loads every capture named in LEARNING from `dir`; undefined when the folder is absent. */
export function loadLemay(dir: string): Map<string, LabelledCapture> | undefined {
  if (!existsSync(dir)) return undefined;
  const out = new Map<string, LabelledCapture>();
  for (const name of Object.keys(LEARNING)) {
    const bytes = readFileSync(join(dir, `${name}.pcap`));
    const packets: CapturedPacket[] = [];
    readCaptureBytes(bytes, (p) => packets.push(p), name);
    const labels = readFileSync(join(dir, `${name}_labeled.csv`), 'utf8')
      .trim()
      .split('\n')
      .map((line) => Number(line.split(';')[1]));
    if (labels.length !== packets.length) throw new Error(`${name}: ${labels.length} labels for ${packets.length} packets`);
    out.set(name, { name, bytes, packets, labels });
  }
  return out;
}
