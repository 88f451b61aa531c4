// Fetches one API resource, refreshes it on a timer and whenever the live stream reports a change,
// and tells apart "loading", "failed" and "this server has no such route yet".
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from './api-client.js';
import { useApi } from './api-context.js';
import { useLive } from './live-context.js';

/** What a page knows about one resource. */
export interface Resource<T> {
  data: T | undefined;
  error: ApiError | Error | undefined;
  /** The server answered 404 for the route itself: the feature is not on this server. */
  missing: boolean;
  loading: boolean;
  reload(): void;
}

export interface ResourceOptions {
  /** Poll every this many milliseconds; 0 for never (default 10 s). */
  intervalMs?: number;
  /** Refetch when the live stream reports an alert or incident change (default true). */
  live?: boolean;
}

/** Loads `path` (null to load nothing) and keeps it fresh. */
export function useResource<T>(path: string | null, options: ResourceOptions = {}): Resource<T> {
  const { client } = useApi();
  const { version } = useLive();
  const intervalMs = options.intervalMs ?? 10_000;
  const liveVersion = options.live === false ? 0 : version;
  const [state, setState] = useState<{ data?: T; error?: Error; path: string | null; loading: boolean }>({ path, loading: path !== null });
  const [tick, setTick] = useState(0);
  const inFlight = useRef<AbortController | null>(null);

  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    inFlight.current?.abort();
    inFlight.current = controller;
    setState((s) => (s.path === path ? { ...s, loading: true } : { path, loading: true }));
    client.get<T>(path, controller.signal).then(
      (data) => !controller.signal.aborted && setState({ data, path, loading: false }),
      (error: Error) => !controller.signal.aborted && error.name !== 'AbortError' && setState((s) => ({ ...s, error, path, loading: false })),
    );
    return () => controller.abort();
  }, [client, path, tick, liveVersion]);

  useEffect(() => {
    if (!intervalMs || path === null) return;
    const timer = window.setInterval(() => setTick((t) => t + 1), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs, path]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  const current = state.path === path;
  const error = current ? state.error : undefined;
  return {
    data: current ? state.data : undefined,
    error,
    missing: error instanceof ApiError && error.routeMissing,
    loading: current ? state.loading : path !== null,
    reload,
  };
}
