// The one path every source feeds: check size, normalize, publish valid events on the bus
// (`ingest.event.received`, keyed by asset id) and quarantine the rest. One bad message never
// stops the ones around it: nothing in here throws to a source.
import type { Event, EventSource } from '../../domain/index.js';
import { TOPICS, type Bus } from '../../platform/bus/index.js';
import type { Logger } from '../../platform/log/index.js';
import type { DeviceMessageNormalizer, ReceivedAck } from './device-message-normalizer.js';
import type { IngestCounters } from './ingest-counters.js';
import type { Quarantine, Rejection } from './quarantine.js';

/** Default largest device message, in bytes. */
export const DEFAULT_MAX_PAYLOAD_BYTES = 64 * 1024;

/** What the pipeline is built from. */
export interface IngestPipelineOptions {
  bus: Bus;
  normalizer: DeviceMessageNormalizer;
  quarantine: Quarantine;
  counters: IngestCounters;
  /** Larger device messages are quarantined as `oversized`; default 64 KiB. */
  maxPayloadBytes?: number;
  log?: Logger;
}


/** Validates, normalizes and publishes; quarantines and counts what it cannot use. */
export class IngestPipeline {
  private readonly maxPayloadBytes: number;
  private readonly ackListeners: Array<(ack: ReceivedAck) => void> = [];
  private readonly onPublishError = (error: unknown) => this.options.log?.warn({ err: error }, 'ingest could not publish an event');

  constructor(private readonly options: IngestPipelineOptions) {
    this.maxPayloadBytes = options.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES;
  }

  /** The counters shared by every source of this pipeline. */
  get counters(): IngestCounters {
    return this.options.counters;
  }

  /**
   * Takes one device message (MQTT layout). Returns undefined when the message was dealt with at once,
   * or a promise that resolves when the bus has room for it — a source that waits for it before
   * reading more applies backpressure to the device. The promise never rejects.
   */
  acceptDeviceMessage(topic: string, payload: Buffer, origin: string, source: EventSource = 'mqtt'): Promise<void> | undefined {
    if (payload.length > this.maxPayloadBytes) {
      this.reject({ source, reason: 'oversized', detail: `${payload.length} bytes; the limit is ${this.maxPayloadBytes}`, origin: `${topic} ${origin}`, payload });
      return undefined;
    }
    let result;
    try {
      result = this.options.normalizer.normalize(topic, payload, source);
    } catch (error) {
      this.reject({ source, reason: 'malformed', detail: `could not be read: ${(error as Error).message}`, origin: `${topic} ${origin}`, payload });
      return undefined;
    }
    if (result.ok === 'skip') return undefined;
    if (result.ok === false) {
      this.reject({ source, reason: result.reason, detail: result.detail, origin: `${topic} ${origin}`, payload });
      return undefined;
    }
    if (result.ack) this.notifyAck(result.ack);
    return this.publish(result.event);
  }

  /** Takes an event a source has already normalized (syslog, HTTP, broker logins); waiting as above. */
  acceptEvent(event: Event): Promise<void> | undefined {
    return this.publish(event);
  }

  /** Quarantines and counts a message a source refused before normalizing. */
  reject(rejection: Rejection): void {
    this.options.quarantine.reject(rejection);
  }

  /** Calls `listener` for every command acknowledgement a device sends. */
  onAck(listener: (ack: ReceivedAck) => void): () => void {
    this.ackListeners.push(listener);
    return () => {
      const at = this.ackListeners.indexOf(listener);
      if (at >= 0) this.ackListeners.splice(at, 1);
    };
  }

  private publish(event: Event): Promise<void> | undefined {
    this.options.counters.countAccepted(event.source);
    const bus = this.options.bus;
    const options = { key: event.assetId ?? event.source, id: event.id };
    // The synchronous path matters: deferring the broker's callback by even a microtask per message
    // cost five times the CPU per message with 10,000 connections (bench/ingest/RESULTS.md).
    if (bus.tryPublish?.(TOPICS.eventReceived, event, options)) return undefined;
    return bus.publish(TOPICS.eventReceived, event, options).then(undefined, this.onPublishError);
  }

  private notifyAck(ack: ReceivedAck): void {
    for (const listener of this.ackListeners) {
      try {
        listener(ack);
      } catch (error) {
        this.options.log?.warn({ err: error }, 'a command-ack listener failed');
      }
    }
  }
}
