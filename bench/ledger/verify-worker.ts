// Worker thread for bench/ledger/run.ts: verifies a share of the inclusion proofs it is sent and
// reports how long that took, so two workers show what both cores of the machine can verify.
import { parentPort, workerData } from 'node:worker_threads';
import { verifyInclusion } from '../../src/engines/ledger/index.js';

interface Job {
  size: number;
  root: Uint8Array;
  indices: number[];
  leaves: Uint8Array[];
  proofs: Uint8Array[][];
}

const job = workerData as Job;
const leaves = job.leaves.map((l) => Buffer.from(l));
const proofs = job.proofs.map((p) => p.map((h) => Buffer.from(h)));
const root = Buffer.from(job.root);
const t0 = performance.now();
let ok = 0;
for (let k = 0; k < job.indices.length; k++) if (verifyInclusion(leaves[k]!, job.indices[k]!, job.size, proofs[k]!, root)) ok++;
parentPort!.postMessage({ ok, ms: performance.now() - t0 });
