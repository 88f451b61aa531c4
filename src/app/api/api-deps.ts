// What the API needs from the running platform. The runtime builds it; tests build it with real parts.
import type { Registry } from 'prom-client';
import type { HealthResponse, IngestResult, StreamMessage } from '../../contracts/index.js';
import type { CityModel, PostureReport } from '../../domain/index.js';
import type { Clock } from '../../platform/clock/index.js';
import type { Store } from '../../platform/store/store.js';
import type { ApiTokens } from './api-tokens.js';

/** Alerts and incident changes as they happen, for the live stream. */
export interface LiveFeed {
  subscribe(listener: (message: StreamMessage) => void): () => void;
}

export interface ApiDeps {
  store: Store;
  city: CityModel;
  tokens: ApiTokens;
  live: LiveFeed;
  metrics: Registry;
  clock: Clock;
  /** Health of each part (store, broker, bus, ...). */
  health(): Promise<HealthResponse['components']>;
  /** Device ids heard from since `sinceMs`, for the status page's "streaming" count. */
  devicesHeardSince(sinceMs: number): number;
  /** Accepts a batch of events posted over HTTP; absent when HTTP ingest is off. */
  ingest?: (body: unknown, origin: string) => Promise<IngestResult>;
  /** The current posture report; absent when posture is off. */
  posture?: () => PostureReport;
}
