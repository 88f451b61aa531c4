// The last reading of devices that fell silent: when a substation's gateway dies, its breakers stop
// reporting, and their last word (open, no voltage) is what tells who is without power. Answers are
// cached per device, so a changing list of silent devices does not throw away answers in flight.
import { useEffect, useRef, useState } from 'react';
import type { Event } from '../../../src/domain/index.js';
import { useApi } from '../api/api-context.js';
import { latestReadings, type Reading } from '../model/latest-readings.js';

/** At most this many devices are asked for one by one. */
const MAX_ASKED = 120;
/** Requests in flight at once: the browser allows six per server, and the live stream holds one. */
const PARALLEL = 4;

interface Cached {
  reading?: Reading;
  askedMs: number;
}

/** Newest reading of each id in `ids` (one request per device, at most every `intervalMs` per device). */
export function useLastReadings(ids: readonly string[], intervalMs = 30_000): ReadonlyMap<string, Reading> {
  const { client } = useApi();
  const cache = useRef(new Map<string, Cached>());
  const [readings, setReadings] = useState<ReadonlyMap<string, Reading>>(new Map());
  const key = [...ids].sort().slice(0, MAX_ASKED).join(',');
  useEffect(() => {
    const wanted = key ? key.split(',') : [];
    let alive = true;
    const publish = () => {
      const out = new Map<string, Reading>();
      for (const id of wanted) {
        const r = cache.current.get(id)?.reading;
        if (r) out.set(id, r);
      }
      if (alive) setReadings(out);
    };
    const load = async () => {
      const now = Date.now();
      const due = wanted.filter((id) => (cache.current.get(id)?.askedMs ?? 0) <= now - intervalMs);
      for (const id of due) cache.current.set(id, { ...cache.current.get(id), askedMs: now });
      const queue = [...due];
      const next = async (): Promise<void> => {
        const id = queue.shift();
        if (id === undefined) return;
        if (!alive) {
          // Not asked after all: let the next list ask for these at once.
          for (const skipped of [id, ...queue.splice(0)]) cache.current.set(skipped, { ...cache.current.get(skipped), askedMs: 0 });
          return;
        }
        // By device only (no type filter): the store answers that from its per-device index at once.
        const page = await client.get<{ items: Event[] }>(`/api/events?assetId=${encodeURIComponent(id)}&limit=5`).catch(() => undefined);
        const reading = page ? latestReadings(page.items).get(id) : undefined;
        if (reading) cache.current.set(id, { reading, askedMs: now });
        return next();
      };
      await Promise.all(Array.from({ length: PARALLEL }, next));
      publish();
    };
    publish();
    void load();
    const timer = window.setInterval(() => void load(), Math.min(intervalMs, 10_000));
    return () => {
      alive = false;
      window.clearInterval(timer);
    };
  }, [client, key, intervalMs]);
  return readings;
}
