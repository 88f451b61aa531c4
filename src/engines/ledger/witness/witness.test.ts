import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../platform/clock/index.js';
import { Ledger } from '../ledger.js';
import { parseVerifierKey } from '../note/note-keys.js';
import { openCheckpoint } from '../note/checkpoint.js';
import { formatAddCheckpointBody } from './add-checkpoint-body.js';
import { pollLedgerOnce } from './ledger-poller.js';
import { Witness } from './witness.js';
import { readAlarms, type WitnessAlarm } from './witness-state.js';

const dirs: string[] = [];
const tmp = (prefix: string) => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

async function appendAndCheckpoint(dataDir: string, label: string, n: number): Promise<string> {
  const ledger = await Ledger.open({ dataDir, checkpointEveryMs: 0 });
  await ledger.appendMany(Array.from({ length: n }, (_, i) => ({ kind: 'action.changed', payload: { label, i } })));
  const note = await ledger.checkpoint();
  await ledger.close();
  return note;
}

async function request(dataDir: string, oldSize: number): Promise<string> {
  const ledger = await Ledger.open({ dataDir, readOnly: true });
  const note = ledger.latestCheckpoint()!;
  const body = formatAddCheckpointBody({ oldSize, proof: ledger.consistencyProof(oldSize), note });
  await ledger.close();
  return body;
}

async function setup() {
  const logDir = tmp('cg-log-');
  const vkey = await Ledger.init(logDir, 'city.example/ledger');
  const stateDir = tmp('cg-witness-');
  await Witness.init(stateDir, 'neighbour.example/witness');
  const alarms: WitnessAlarm[] = [];
  const clock = new ManualClock(1_700_000_000_000);
  const witness = await Witness.open({ stateDir, logs: [parseVerifierKey(vkey)], clock, onAlarm: (a) => alarms.push(a) });
  return { logDir, vkey, stateDir, witness, alarms, clock };
}

describe('Witness', () => {
  it('cosigns a growing log, and the cosignature verifies under a k-of-n policy', async () => {
    const { logDir, vkey, witness } = await setup();
    await appendAndCheckpoint(logDir, 'a', 5);
    const first = await witness.addCheckpoint(await request(logDir, 0));
    expect(first.status).toBe('cosigned');
    await appendAndCheckpoint(logDir, 'b', 7);
    const second = await witness.addCheckpoint(await request(logDir, 5));
    expect(second.status).toBe('cosigned');
    const note = witness.latest('city.example/ledger')!.note;
    const opened = openCheckpoint(note, { log: parseVerifierKey(vkey), witnesses: [witness.key], minWitnesses: 1 });
    expect(opened.ok && opened.value.checkpoint.size).toBe(12);
  });

  it('answers 409 with its size when the old size is not the one it cosigned', async () => {
    const { logDir, witness } = await setup();
    await appendAndCheckpoint(logDir, 'a', 3);
    await witness.addCheckpoint(await request(logDir, 0));
    await appendAndCheckpoint(logDir, 'b', 1);
    expect(await witness.addCheckpoint(await request(logDir, 0))).toMatchObject({ status: 'conflict', httpStatus: 409, knownSize: 3 });
  });

  it('refuses two diverging ledgers with the same key — a fork — and raises an alarm', async () => {
    const { logDir, stateDir, witness, alarms } = await setup();
    await appendAndCheckpoint(logDir, 'common', 4);
    const forkDir = tmp('cg-fork-');
    cpSync(logDir, forkDir, { recursive: true });
    await appendAndCheckpoint(logDir, 'honest', 6);
    await appendAndCheckpoint(forkDir, 'rewritten', 9);
    expect((await witness.addCheckpoint(await request(logDir, 0))).status).toBe('cosigned');

    const grown = await witness.addCheckpoint(await request(forkDir, 10));
    expect(grown).toMatchObject({ status: 'inconsistent', httpStatus: 422 });
    expect(alarms.map((a) => a.kind)).toEqual(['inconsistent-proof']);

    const ledger = await Ledger.open({ dataDir: logDir, readOnly: true });
    const honestRoot = ledger.root(10);
    await ledger.close();
    const forkLedger = await Ledger.open({ dataDir: forkDir, readOnly: true });
    expect(forkLedger.root(10).equals(honestRoot)).toBe(false);
    await forkLedger.close();

    expect(witness.latest('city.example/ledger')!.size).toBe(10);
    expect((await readAlarms(stateDir)).map((a) => a.kind)).toEqual(['inconsistent-proof']);
  });

  it('refuses a different root for the size it already cosigned', async () => {
    const { logDir, witness, alarms } = await setup();
    await appendAndCheckpoint(logDir, 'common', 2);
    const forkDir = tmp('cg-fork-');
    cpSync(logDir, forkDir, { recursive: true });
    await appendAndCheckpoint(logDir, 'honest', 3);
    await appendAndCheckpoint(forkDir, 'other', 3);
    await witness.addCheckpoint(await request(logDir, 0));
    expect(await witness.addCheckpoint(await request(forkDir, 5))).toMatchObject({ status: 'conflict', httpStatus: 409 });
    expect(alarms.map((a) => a.kind)).toEqual(['fork']);
  });

  it('raises a rollback alarm when the log shows fewer entries than were cosigned (polling mode)', async () => {
    const { logDir, witness, alarms } = await setup();
    await appendAndCheckpoint(logDir, 'a', 4);
    const before = tmp('cg-before-');
    cpSync(logDir, before, { recursive: true });
    await appendAndCheckpoint(logDir, 'b', 4);
    expect((await pollLedgerOnce(witness, logDir))?.status).toBe('cosigned');
    expect((await pollLedgerOnce(witness, before))?.status).toBe('bad-request');
    expect(alarms.map((a) => a.kind)).toEqual(['rollback']);
  });

  it('rejects unknown logs, bad signatures and malformed bodies with the protocol statuses', async () => {
    const { logDir, witness } = await setup();
    await appendAndCheckpoint(logDir, 'a', 2);
    const body = await request(logDir, 0);
    expect((await witness.addCheckpoint(body.replace(/city\.example\/ledger/g, 'other.example/log'))).httpStatus).toBe(404);
    expect((await witness.addCheckpoint(body.replace('\n2\n', '\n3\n'))).httpStatus).toBe(403);
    expect((await witness.addCheckpoint('old x\n\n')).httpStatus).toBe(400);
  });

  it('keeps its state across a restart and cannot be walked back', async () => {
    const { logDir, vkey, stateDir, witness } = await setup();
    await appendAndCheckpoint(logDir, 'a', 3);
    await witness.addCheckpoint(await request(logDir, 0));
    const reopened = await Witness.open({ stateDir, logs: [parseVerifierKey(vkey)] });
    expect(reopened.latest('city.example/ledger')?.size).toBe(3);
    expect((await reopened.addCheckpoint(await request(logDir, 0))).httpStatus).toBe(409);
  });
});
