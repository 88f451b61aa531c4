import { describe, expect, it } from 'vitest';
import { checkCity } from '../../domain/index.js';
import { loadCityFile } from '../../platform/content/index.js';
import { replicateCity } from './replicate-city.js';

const sample = loadCityFile('content/cities/sample-city.yaml').city;

describe('replicateCity', () => {
  it('makes exactly the asked number of assets with unique ids, and a city that still checks', () => {
    const big = replicateCity(sample, 1000);
    expect(big.assets).toHaveLength(1000);
    expect(new Set(big.assets.map((a) => a.id)).size).toBe(1000);
    expect(checkCity(big)).toEqual([]);
    expect(replicateCity(sample, 10).assets.map((a) => a.id)).toEqual(
      sample.assets.slice(0, 10).map((a) => a.id),
    );
  });

  it('wires each copy to its own feeders, tanks and PLCs', () => {
    const big = replicateCity(sample, sample.assets.length * 3);
    const pump = big.assets.find((a) => a.id === 'bs-north-p1.r2')!;
    expect(pump.params).toMatchObject({
      tank: 'res-north.r2',
      plc: 'bs-north-plc.r2',
      feeder: 'ss-north-f3.r2',
    });
    expect(pump.network).toEqual({});
    expect(() => replicateCity(sample, 0)).toThrow(RangeError);
  });
});
