// The state each device is drawn in on the map and listed with in the inventory: under attack,
// alerted, down, contained, silent or normal — one word a person can act on.
import type { Action, Alert, Asset, Incident } from '../../../src/domain/index.js';
import { deviceCondition } from './device-condition.js';
import type { Reading } from './latest-readings.js';

/** A device's state, most urgent first. */
export type AssetState = 'incident' | 'alert' | 'down' | 'contained' | 'silent' | 'normal' | 'unknown';

export const ASSET_STATE_WORDS: Record<AssetState, string> = {
  incident: 'Under attack',
  alert: 'Suspicious activity',
  down: 'Not working',
  contained: 'Contained (cut off or in safe mode)',
  silent: 'Not reporting',
  normal: 'Normal',
  unknown: 'No reading yet',
};

export interface AssetStateInputs {
  readings: ReadonlyMap<string, Reading>;
  incidents: readonly Incident[];
  alerts: readonly Alert[];
  actions?: readonly Action[];
  /** A device whose newest reading is older than this (epoch ms) counts as silent. */
  silentBeforeTs: number;
}

const CONTAINING: ReadonlySet<Action['kind']> = new Set(['isolate-device', 'safe-mode']);

/** State of each asset by id. */
export function assetStates(assets: readonly Asset[], inputs: AssetStateInputs): Map<string, AssetState> {
  const attacked = new Set<string>();
  const contained = new Set<string>();
  for (const i of inputs.incidents) {
    if (i.status === 'new' || i.status === 'triaged') i.assetIds.forEach((id) => attacked.add(id));
    else if (i.status === 'contained') i.assetIds.forEach((id) => contained.add(id));
  }
  for (const a of inputs.actions ?? []) if (a.status === 'done' && CONTAINING.has(a.kind) && a.target.type === 'asset') contained.add(a.target.id);
  const alerted = new Set(inputs.alerts.flatMap((a) => a.assetIds));
  const out = new Map<string, AssetState>();
  for (const asset of assets) {
    const reading = inputs.readings.get(asset.id);
    const condition = deviceCondition(asset.kind, reading?.metrics);
    let state: AssetState;
    if (contained.has(asset.id) || condition === 'fallback') state = 'contained';
    else if (attacked.has(asset.id)) state = 'incident';
    else if (alerted.has(asset.id)) state = 'alert';
    else if (condition === 'down') state = 'down';
    else if (!reading) state = 'unknown';
    else if (reading.ts < inputs.silentBeforeTs) state = 'silent';
    else state = 'normal';
    out.set(asset.id, state);
  }
  return out;
}
