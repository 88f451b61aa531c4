// Ingest: device messages (embedded or external MQTT), syslog and HTTP batches → validated,
// normalized Events on the bus; everything refused goes to the quarantine with a reason and a count.
export { startIngest, type IngestConfig, type IngestDeps, type IngestService } from './ingest-service.js';
export { DeviceRegistry, CREDENTIALS_NAMESPACE, type IssuedCredential, type Principal } from './device-registry.js';
export { EmbeddedMqttBroker, DEFAULT_MQTT_PORT, type EmbeddedMqttBrokerOptions } from './embedded-mqtt-broker.js';
export { MqttSubscriptionSource, DEVICE_TOPIC_FILTER, type MqttSubscriptionSourceOptions } from './mqtt-subscription-source.js';
export { DeviceMessageNormalizer, type NormalizeResult, type ReceivedAck } from './device-message-normalizer.js';
export { SyslogReceiver, type SyslogReceiverOptions } from './syslog-receiver.js';
export { SyslogNormalizer, type SyslogResult } from './syslog-normalizer.js';
export { parseSyslog, type SyslogRecord } from './syslog-parse.js';
export { recogniseLogin, AUTH_LINE_PATTERNS, type RecognisedLogin } from './auth-line-patterns.js';
export { createHttpBatchIngest, type HttpBatchIngestOptions, type HttpBatchResult } from './http-batch-ingest.js';
export { IngestPipeline, DEFAULT_MAX_PAYLOAD_BYTES, type IngestPipelineOptions } from './ingest-pipeline.js';
export { EventPersister, type EventPersisterOptions } from './event-persister.js';
export { Quarantine, type QuarantineOptions, type Rejection } from './quarantine.js';
export { IngestCounters, type IngestCountersSnapshot } from './ingest-counters.js';
export { registerIngestMetrics } from './ingest-metrics.js';
export type { DeviceEnvelopes, SealedRefusal, SealedRefusalReason } from './device-envelopes.js';
export { DeviceCommander, type CommandRequest, type CommandTransport, type DeviceCommanderOptions } from './device-commander.js';
export { EventIdGenerator } from './event-ids.js';
export { publishRefusal, maySubscribe } from './topic-acl.js';
export { ingestUnknownDevice } from './errors.js';
