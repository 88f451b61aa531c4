// Tunables of the network baselines, with their defaults. Sites override them from content
// (the runtime passes them in); code never hard-codes a threshold elsewhere.

/** Thresholds and windows of protocol baselines and scan detection. */
export interface NetworkBaselineOptions {
  /** Share of a point's learned value span allowed beyond it on either side before a value is out of range. */
  valueTolerance: number;
  /** Values a point needs during learning before its range is trusted. */
  minValueSamples: number;
  /** A poll this many times later than the learned polling period is a timing break. */
  pollingGapFactor: number;
  /** Polls this many times faster than learned, `pollingBurstCount` times in a row, are a burst. */
  pollingBurstFactor: number;
  pollingBurstCount: number;
  /** Intervals a polling pair needs during learning before its period is trusted. */
  pollingMinSamples: number;
  /** Hosts in the same network as learned hosts (this many leading address bits) are reported when new. */
  localPrefixBits: number;
  /** Scan detection window and thresholds (per source host within the window). */
  scanWindowMs: number;
  scanSynTargets: number;
  scanExceptions: number;
  scanStations: number;
  scanCommands: number;
  scanArpTargets: number;
}

/** Defaults chosen from the protocols' normal behaviour, not from any test capture. */
export const NETWORK_BASELINE_DEFAULTS: NetworkBaselineOptions = {
  valueTolerance: 0.1,
  minValueSamples: 5,
  pollingGapFactor: 4,
  pollingBurstFactor: 0.25,
  pollingBurstCount: 10,
  pollingMinSamples: 10,
  localPrefixBits: 24,
  scanWindowMs: 60_000,
  scanSynTargets: 20,
  scanExceptions: 10,
  scanStations: 8,
  scanCommands: 8,
  scanArpTargets: 20,
};
