// Prometheus metrics of the ledger, read at scrape time: entries, commits, checkpoints, append
// failures, and per witness the size it last cosigned.
import { Counter, Gauge, type Registry } from 'prom-client';
import type { LedgerStage } from './ledger-stage.js';

/** Registers the ledger's metrics on a registry (once per registry). */
export function registerLedgerMetrics(registry: Registry, stage: LedgerStage): void {
  const gauge = (name: string, help: string, read: () => number) =>
    new Gauge({ name, help, registers: [registry], collect(this: Gauge) { this.set(read()); } });
  gauge('cityguard_ledger_entries', 'entries in the ledger', () => stage.ledger.size);
  gauge('cityguard_ledger_checkpoint_size', 'entries the latest signed checkpoint covers', () => stage.ledger.stats().lastCheckpointSize);
  gauge('cityguard_ledger_commit_latency_max_ms', 'longest time from an append to its batch being durable, ms', () => stage.ledger.stats().maxLatencyMs);
  new Counter({
    name: 'cityguard_ledger_commits_total',
    help: 'durable group commits (one write and fsync per file each)',
    registers: [registry],
    collect(this: Counter) {
      this.reset();
      this.inc(stage.ledger.stats().commits);
    },
  });
  new Counter({
    name: 'cityguard_ledger_append_failures_total',
    help: 'entries that could not be appended (disk failures); each was logged',
    registers: [registry],
    collect(this: Counter) {
      this.reset();
      this.inc(stage.appendFailures);
    },
  });
  new Gauge<'witness'>({
    name: 'cityguard_ledger_witness_cosigned_size',
    help: 'tree size each witness last cosigned; behind cityguard_ledger_entries when a witness lags or fails',
    labelNames: ['witness'],
    registers: [registry],
    collect(this: Gauge<'witness'>) {
      this.reset();
      for (const w of stage.witnessing.status()) this.set({ witness: w.name }, w.lastCosignedSize);
    },
  });
}
