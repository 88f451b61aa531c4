// Event inserts on a worker thread: better-sqlite3 is synchronous, so on the main thread every batch
// would stall the broker and the rules for its whole transaction. The worker holds its own connection
// to the same WAL database (one writer beside the main connection's readers) and commits each batch
// in one transaction, answering when it is durable in the WAL. The worker's code is a string run with
// `eval` so it needs no TypeScript loader in the thread, whatever started the process.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Event } from '../../../domain/index.js';

/** CommonJS source of the worker: open, prepare once, insert batches in order, reply per batch. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.pragma('busy_timeout = 5000');
db.pragma('cache_size = -' + workerData.cacheKiB);
let insert;
// Prepared on the first batch: the table exists only once the main connection has migrated.
function prepare() {
  const stmt = db.prepare('insert or ignore into events (id, ts, received_ts, type, source, asset_id, district, body) values (?, ?, ?, ?, ?, ?, ?, ?)');
  return db.transaction((events) => {
    for (const e of events) stmt.run(e.id, e.ts, e.receivedTs, e.type, e.source, e.assetId ?? null, e.district ?? null, JSON.stringify(e));
  });
}
parentPort.on('message', (m) => {
  if (m.close) { db.close(); parentPort.postMessage({ closed: true }); return; }
  try { insert ??= prepare(); insert(m.events); parentPort.postMessage({ n: m.n }); }
  catch (error) { parentPort.postMessage({ n: m.n, error: String(error && error.message || error) }); }
});
`;

/** Writes event batches to SQLite from a worker thread. */
export class SqliteEventWriterThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  private next = 0;
  private failed: Error | undefined;
  /** The last batch handed over; batches commit in order, so waiting for it waits for all. */
  private last: Promise<void> = Promise.resolve();

  constructor(path: string, cacheKiB: number) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, driver, cacheKiB } });
    this.worker.on('message', (m: { n?: number; error?: string; closed?: boolean }) => {
      if (m.n === undefined) return;
      const p = this.pending.get(m.n);
      this.pending.delete(m.n);
      if (m.error !== undefined) p?.reject(new Error(`event insert failed: ${m.error}`));
      else p?.resolve();
    });
    this.worker.on('error', (error) => this.failAll(error));
    this.worker.on('exit', (code) => this.failAll(new Error(`the event writer thread exited (${code})`)));
  }

  /** Inserts a batch; resolves once it is committed. Batches commit in the order they were given. */
  insert(events: readonly Event[]): Promise<void> {
    if (this.failed) return Promise.reject(this.failed);
    const n = this.next++;
    const done = new Promise<void>((resolve, reject) => {
      this.pending.set(n, { resolve, reject });
      this.worker.postMessage({ n, events });
    });
    this.last = done.catch(() => undefined);
    return done;
  }

  /** Waits for queued batches, closes the worker's connection and ends the thread. */
  async close(): Promise<void> {
    await this.last;
    if (!this.failed) {
      await new Promise<void>((resolve) => {
        this.worker.once('message', () => resolve());
        this.worker.postMessage({ close: true });
      });
    }
    this.failed ??= new Error('the event writer thread is closed');
    await this.worker.terminate();
  }

  private failAll(error: Error): void {
    this.failed ??= error;
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }
}
