// Who has power: a feeder is energised when its breaker and every breaker upstream are closed; a
// load is powered when its feeder is energised or its UPS still delivers. Answers are cached until
// a breaker changes, so thousands of loads asking each tick cost a map lookup.

/** A device that can carry power to loads: a breaker (feeder) or a UPS. */
export interface PowerSource {
  /** True while loads behind this source have power. */
  supplies(grid: PowerGrid): boolean;
}

function isPowerSource(d: object | undefined): d is PowerSource {
  return d !== undefined && typeof (d as Partial<PowerSource>).supplies === 'function';
}

/** Power flow over the city's breakers and UPS units. */
export class PowerGrid {
  private readonly cache = new Map<string, boolean>();
  private resolving = new Set<string>();

  constructor(private readonly lookup: (id: string) => object | undefined) {}

  /** Forget cached answers; call after any breaker or UPS changes state. */
  changed(): void {
    this.cache.clear();
  }

  /**
   * Whether a load fed from `sourceId` has power. No source, or a source outside the simulated
   * city, means mains we do not model: powered.
   */
  powered(sourceId: string | undefined): boolean {
    if (sourceId === undefined) return true;
    const cached = this.cache.get(sourceId);
    if (cached !== undefined) return cached;
    const source = this.lookup(sourceId);
    if (!isPowerSource(source) || this.resolving.has(sourceId)) return true; // a loop in params is a data error, not an outage
    this.resolving.add(sourceId);
    const on = source.supplies(this);
    this.resolving.delete(sourceId);
    this.cache.set(sourceId, on);
    return on;
  }
}
