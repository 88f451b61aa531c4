// What a running drill shows while it plays: how far simulated time has got and the devices the
// attack has touched so far, each as the map draws it — contained (cut off or in safe mode by
// response), down (dead or off the network), or under attack.
import type { Action } from '../../domain/index.js';
import type { StepRecord } from '../twin/index.js';
import type { DrillWorld } from './drill-world.js';

/** A touched device's state on the drill map. */
export type DrillAssetState = 'incident' | 'down' | 'contained';

/** A snapshot of a running drill. */
export interface DrillProgress {
  /** Simulated seconds since the scenario started. */
  simulated_s: number;
  assets: Array<{ assetId: string; state: DrillAssetState }>;
}

const CONTAINING: ReadonlySet<Action['kind']> = new Set(['isolate-device', 'safe-mode']);

/** The devices the attack's steps (not the ordinary-looking ones) have acted on or reached, with their state now. */
export async function drillProgress(world: DrillWorld, timeline: readonly StepRecord[], normalSteps: ReadonlySet<string>, startMs: number): Promise<DrillProgress> {
  const touched = new Set(timeline.filter((r) => r.firedMs !== undefined && !normalSteps.has(r.stepId)).flatMap((r) => r.footprint?.assets ?? r.targets));
  const contained = new Set(
    world.engine ? (await world.actions()).filter((a) => a.status === 'done' && CONTAINING.has(a.kind)).map((a) => a.target.id) : [],
  );
  const assets = [...touched].map((assetId) => {
    const device = world.twin.device(assetId);
    const down = device !== undefined && (!device.alive || !world.twin.network.isConnected(assetId));
    const state: DrillAssetState = contained.has(assetId) ? 'contained' : down ? 'down' : 'incident';
    return { assetId, state };
  });
  return { simulated_s: Math.round((world.clock.now() - startMs) / 1000), assets };
}
