// The city twin as a library: simulated devices on a clock, their transports, and the attack
// scenarios they can play. Outside code imports only from here.
export { CityTwin, type CityTwinOptions, type CommandOptions, type LoginAttempt } from './city-twin.js';
export type { TwinStatsSnapshot } from './twin-stats.js';
export type { CommandOutcome, Metrics } from './devices/sim-device.js';
export type {
  DeviceIdentity,
  DeviceTransport,
  CommandSink,
  ConnectReport,
  TransportStats,
} from './transport/device-transport.js';
export { deviceIdentity } from './transport/device-transport.js';
export {
  DirectDeviceTransport,
  type DeviceMessage,
  type DeviceMessageListener,
} from './transport/direct-device-transport.js';
export { MqttDeviceTransport, type MqttDeviceTransportOptions } from './transport/mqtt-device-transport.js';
export { JSON_CODEC, type DecodedCommand, type DeviceMessageCodec } from './transport/device-message-codec.js';
export { SealedDeviceCodec } from './transport/sealed-device-codec.js';
export { ScenarioRunner, type ScenarioRunnerOptions, type StepRecord } from './scenario/scenario-runner.js';
export {
  loadScenarioFile,
  loadScenarioText,
  parseScenario,
  checkAgainstCity,
} from './scenario/load-scenario.js';
export { scenarioStartMs } from './scenario/scenario-start.js';
export {
  loadScenarioLibrary,
  summarizeScenario,
  type ScenarioLibrary,
  type ScenarioSummary,
} from './scenario/scenario-library.js';
export {
  detectionReport,
  type DetectionInput,
  type DetectionReport,
  type IncidentOutcome,
  type MissedRule,
  type StepDetection,
} from './scenario/scenario-detection.js';
export { ScenarioFootprint, stepFootprint, type StepFootprint } from './scenario/scenario-footprint.js';
export { replicateCity } from './replicate-city.js';
export { TwinNetwork } from './twin-network.js';
export { OpenC2Firewall, type OpenC2Reply } from './openc2-firewall.js';
export { ServiceAvailability } from './service-availability.js';
export { SeededRandom } from './seeded-random.js';
