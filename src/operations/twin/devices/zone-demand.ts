// Demand of a water pressure zone as metered networks show it: the daily shape of use (later and
// lower at weekends), times a slow random swing (weather, day-to-day habits) and a fast one (minutes
// of showers and washing machines). Both swings are Ornstein–Uhlenbeck processes, so consecutive
// readings co-move as real flows do instead of jumping as white noise would.
import { profileAt, waterDemandFactor } from '../daily-profile.js';
import type { LocalReading } from '../local-time.js';
import { SeededRandom } from '../seeded-random.js';

/** How a zone's demand varies. */
export interface ZoneDemandOptions {
  /** Mean draw over a week, litres per second. */
  readonly meanLps: number;
  /** Weekend days use the weekend shape (see waterDemandFactor); otherwise every day is a weekday. */
  readonly weekly: boolean;
  /** Standard deviation of the fast swing as a share of demand (0 = none); the slow swing is 40 % of it. */
  readonly noise: number;
  /** Seed of this zone's own random stream. */
  readonly seed: string;
}

/** Correlation times of the fast and slow swings, seconds. */
const FAST_TAU_S = 15 * 60;
const SLOW_TAU_S = 36 * 3600;
const SLOW_SHARE = 0.4;

/** One zone's demand over time; call `step` once per physics tick. */
export class ZoneDemand {
  private fast = 0;
  private slow = 0;
  private readonly rng: SeededRandom;

  constructor(private readonly o: ZoneDemandOptions) {
    this.rng = new SeededRandom(o.seed);
    // Start the swings in their stationary distribution, not at zero.
    this.fast = o.noise * this.rng.normal();
    this.slow = SLOW_SHARE * o.noise * this.rng.normal();
  }

  /** Advances the swings by `dtS` seconds and returns the draw now, litres per second. */
  step(dtS: number, local: LocalReading): number {
    if (this.o.noise > 0 && dtS > 0) {
      this.fast = ornsteinUhlenbeck(this.fast, dtS, FAST_TAU_S, this.o.noise, this.rng);
      this.slow = ornsteinUhlenbeck(this.slow, dtS, SLOW_TAU_S, SLOW_SHARE * this.o.noise, this.rng);
    }
    const shape = this.o.weekly ? waterDemandFactor(local.hour, local.weekday) : profileAt('water', local.hour);
    return this.o.meanLps * shape * Math.max(0, 1 + this.fast + this.slow);
  }
}

/** Exact discretisation of dx = −x/τ dt + σ√(2/τ) dW over `dtS`: stationary standard deviation `sd`. */
function ornsteinUhlenbeck(x: number, dtS: number, tauS: number, sd: number, rng: SeededRandom): number {
  const keep = Math.exp(-dtS / tauS);
  return x * keep + sd * Math.sqrt(1 - keep * keep) * rng.normal();
}
