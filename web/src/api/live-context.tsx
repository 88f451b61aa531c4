// The live stream (server-sent events from /api/stream): counts changes so pages refetch, keeps the
// latest messages for the live list, and says whether the connection is up.
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { Alert, Incident } from '../../../src/domain/index.js';
import type { ApiClient } from './api-client.js';

/** One message of the live stream. */
export type LiveMessage = { type: 'alert'; alert: Alert; receivedMs: number } | { type: 'incident'; incident: Incident; receivedMs: number };

interface LiveValue {
  /** Increases on every change, at most once a second, so pages can refetch. */
  version: number;
  connected: boolean;
  recent: LiveMessage[];
}

const LiveContext = createContext<LiveValue>({ version: 0, connected: false, recent: [] });
const KEEP = 50;
const COALESCE_MS = 1000;

/** Opens the stream for the signed-in client; EventSource reconnects by itself after a drop. */
export function LiveProvider({ client, children }: { client: ApiClient; children: ReactNode }) {
  const [value, setValue] = useState<LiveValue>({ version: 0, connected: false, recent: [] });
  useEffect(() => {
    const source = new EventSource(client.streamUrl());
    let pending: LiveMessage[] = [];
    let timer: number | undefined;
    const flush = () => {
      timer = undefined;
      const batch = pending;
      pending = [];
      setValue((v) => ({ ...v, version: v.version + 1, recent: [...batch.reverse(), ...v.recent].slice(0, KEEP) }));
    };
    const push = (m: LiveMessage) => {
      pending.push(m);
      timer ??= window.setTimeout(flush, COALESCE_MS);
    };
    source.onopen = () => setValue((v) => ({ ...v, connected: true }));
    source.onerror = () => setValue((v) => ({ ...v, connected: false }));
    source.addEventListener('alert', (e) => push({ type: 'alert', alert: JSON.parse((e as MessageEvent<string>).data) as Alert, receivedMs: Date.now() }));
    source.addEventListener('incident', (e) =>
      push({ type: 'incident', incident: JSON.parse((e as MessageEvent<string>).data) as Incident, receivedMs: Date.now() }),
    );
    return () => {
      source.close();
      if (timer !== undefined) window.clearTimeout(timer);
    };
  }, [client]);
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}

/** The live stream's state. */
export function useLive(): LiveValue {
  return useContext(LiveContext);
}
