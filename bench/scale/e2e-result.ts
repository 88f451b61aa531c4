// What one end-to-end run reports.

/** Rate, latency and CPU of one run. */
export interface RunResult {
  events: number;
  seconds: number;
  /** Events per second from the first publish until the last event was handled by detection. */
  rate: number;
  /** Publish-to-detection latency percentiles, milliseconds (bucket upper bounds, ≤10 % wide). */
  p50Ms: number;
  p99Ms: number;
  /** Alerts the rules raised. */
  alerts: number;
  /** CPU microseconds per event, per part of the path. */
  cpuUsPerEvent: Record<string, number>;
}
