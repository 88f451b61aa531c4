// A drill's scorecard: what a city keeps of each run — detected or not, how fast, how fast it was
// contained, the customer-minutes lost with and without response, which detections and playbooks
// fired, what was missed and why, and the configuration fingerprint it ran with. The measured
// fields keep the names of `cityguard drill run --json`; the API serves scorecards as they are.
import type { DrillFingerprint } from './config-fingerprint.js';
import type { DrillAssetState } from './drill-progress.js';
import type { DrillReport } from './drill-runner.js';

/** Who started a run. */
export type DrillTrigger = 'schedule' | 'cli' | 'api';

/** A detected scenario missed after the configuration changed. */
export interface DrillRegression {
  /** The last run of this scenario and response mode that detected it. */
  since: string;
  /** The fingerprint parts that differ from that run's. */
  changed: Array<'rules' | 'playbooks' | 'city' | 'scenario'>;
  text: string;
}

/** One drill run: running, finished with its measurements, or failed with the reason. */
export interface DrillScorecard {
  id: string;
  scenario: string;
  scenarioName: string;
  response: 'auto' | 'none';
  seed: number;
  trigger: DrillTrigger;
  requestedBy?: string;
  status: 'queued' | 'running' | 'finished' | 'failed';
  /** Wall-clock epoch ms. */
  startedTs: number;
  finishedTs?: number;
  fingerprint?: DrillFingerprint;
  /** Warm-up, observation, step and sampling of the simulation: results compare only under equal settings. */
  settings?: string;
  detected?: boolean;
  time_to_detect_s?: number | null;
  time_to_contain_s?: number | null;
  customer_minutes_lost?: number;
  /** The same scenario, seed and configuration with no response: a run of this batch, or an earlier one (`baseline_run`). */
  customer_minutes_lost_without_response?: number | null;
  baseline_run?: string;
  actions?: number;
  approvals?: number;
  interrupting_actions_run_without_approvals?: number;
  detections?: string[];
  playbooks?: string[];
  missed?: Array<{ what: string; why: string }>;
  other_alerts?: Record<string, number>;
  regression?: DrillRegression;
  /** Devices the attack touched and their state, while running and after. */
  assets?: Array<{ assetId: string; state: DrillAssetState }>;
  simulated_s?: number;
  wall_ms?: number;
  error?: string;
}

/** A finished scorecard from a drill report. */
export function finishScorecard(card: DrillScorecard, report: DrillReport, finishedTs: number): DrillScorecard {
  return {
    ...card,
    status: 'finished',
    finishedTs,
    detected: report.detected,
    time_to_detect_s: report.time_to_detect_s,
    time_to_contain_s: report.time_to_contain_s,
    customer_minutes_lost: report.customer_minutes_lost,
    ...(report.response === 'none' ? { customer_minutes_lost_without_response: report.customer_minutes_lost } : {}),
    actions: report.actions.length,
    approvals: report.approvals.length,
    interrupting_actions_run_without_approvals: report.interrupting_actions_run_without_approvals,
    detections: report.detections,
    playbooks: report.playbooks,
    missed: report.missed,
    other_alerts: report.other_alerts,
    simulated_s: report.window.simulated_s,
    wall_ms: report.window.wall_ms,
  };
}

/** One line for people: verdict, times and cost. */
export function scorecardLine(c: DrillScorecard): string {
  if (c.status !== 'finished') return `${c.scenario} (${c.response}): ${c.status}${c.error ? ` — ${c.error}` : ''}`;
  const detected = c.detected ? `detected after ${c.time_to_detect_s} s` : 'MISSED';
  const contained = c.time_to_contain_s != null ? `contained after ${c.time_to_contain_s} s` : 'not contained';
  const without = c.customer_minutes_lost_without_response != null && c.response === 'auto' ? ` (without response ${c.customer_minutes_lost_without_response.toLocaleString('en')})` : '';
  const lost = `${(c.customer_minutes_lost ?? 0).toLocaleString('en')} customer-minutes lost${without}`;
  return `${c.scenario} (${c.response}): ${detected}, ${contained}, ${lost}${c.regression ? ` — REGRESSION: ${c.regression.text}` : ''}`;
}
