// Feeds captures into the live platform (issue 4 §5): a file, standard input or a watched folder
// of rotating capture files goes through decoding and network detection, and the resulting
// NetworkEvents and Alerts are handed to a sink (the runtime publishes them on the bus). One
// detector lives across files, so learning carries over from one rotated file to the next.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Alert, NetworkEvent } from '../../../domain/index.js';
import { CaptureReader, captureChunks, type CaptureSource, type CaptureSummary } from '../../protocols/index.js';
import { NetworkDetector, type NetworkDetectorOptions } from './network-detector.js';

/** Receives what a feed produces; returned promises are awaited (backpressure). */
export interface CaptureFeedSink {
  event(e: NetworkEvent): void | Promise<void>;
  alert(a: Alert): void | Promise<void>;
  /** Told when a capture ends, with how reading went (damage included). */
  captureEnded?(name: string, summary: CaptureSummary): void | Promise<void>;
}

/** Options of a feed: the detector's, with events always on. */
export type CaptureFeedOptions = Omit<NetworkDetectorOptions, 'events'> & {
  /** Clock for `receivedTs`, ms since the epoch. */
  now?: () => number;
};

/** Counts of one fed capture. */
export interface FeedResult {
  summary: CaptureSummary;
  events: number;
  alerts: number;
}

/** A folder being watched; `stop` resolves once the file in progress is finished. */
export interface CaptureFolderWatch {
  stop(): Promise<void>;
}

const CAPTURE_FILE = /\.(pcap|pcapng|cap)$/i;

/** Decodes and judges captures one after another with one detector. */
export class CaptureFeed {
  readonly detector: NetworkDetector;
  private readonly events: { idPrefix: string; receivedTs: number };
  private readonly now: () => number;
  private pending: (NetworkEvent | Alert)[] = [];
  private currentName = 'capture';
  private counts = { events: 0, alerts: 0 };

  constructor(
    private readonly sink: CaptureFeedSink,
    o: CaptureFeedOptions,
  ) {
    const now = o.now ?? Date.now;
    const events = { idPrefix: 'capture', receivedTs: now() };
    this.detector = new NetworkDetector(
      { ...o, events },
      {
        event: (e) => {
          this.pending.push(e);
          this.counts.events++;
        },
        alert: (a) => {
          this.pending.push(a);
          this.counts.alerts++;
        },
      },
    );
    this.events = events;
    this.now = now;
  }

  /** Feeds one capture (path, "-" for stdin, or a byte stream) and resolves when all its output was accepted. */
  async feed(source: CaptureSource, name = typeof source === 'string' ? source : 'stream'): Promise<FeedResult> {
    this.currentName = name;
    this.events.idPrefix = `${name}@${this.now()}`;
    this.events.receivedTs = this.now();
    this.counts = { events: 0, alerts: 0 };
    const stream: AsyncIterable<Uint8Array> = typeof source === 'string' ? captureChunks(source) : source;
    const reader = new CaptureReader((p) => this.detector.push(p), name === '-' ? 'stdin' : name);
    for await (const chunk of stream) {
      const more = reader.push(chunk);
      await this.flush();
      if (!more) break;
    }
    const summary = reader.end();
    this.detector.finish();
    await this.flush();
    await this.sink.captureEnded?.(this.currentName, summary);
    return { summary, ...this.counts };
  }

  /** Polls `dir` every `pollMs` and feeds each new capture file once its size has stopped changing, in name order. */
  watch(dir: string, pollMs = 2000): CaptureFolderWatch {
    const done = new Set<string>();
    const sizes = new Map<string, number>();
    let stopped = false;
    let busy: Promise<void> = Promise.resolve();
    const tick = async () => {
      const names = (await readdir(dir)).filter((n) => CAPTURE_FILE.test(n) && !done.has(n)).sort();
      for (const n of names) {
        if (stopped) return;
        const size = (await stat(join(dir, n))).size;
        if (sizes.get(n) !== size) {
          sizes.set(n, size);
          continue;
        }
        done.add(n);
        sizes.delete(n);
        await this.feed(join(dir, n), n);
      }
    };
    const timer = setInterval(() => {
      busy = busy.then(tick).catch(() => undefined);
    }, pollMs);
    return {
      stop: async () => {
        stopped = true;
        clearInterval(timer);
        await busy;
      },
    };
  }

  private async flush(): Promise<void> {
    const items = this.pending;
    this.pending = [];
    for (const item of items) {
      if ('type' in item && item.type === 'network') await this.sink.event(item);
      else await this.sink.alert(item as Alert);
    }
  }
}
