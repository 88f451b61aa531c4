// The optional base map: a raster tile server URL template ({z}/{x}/{y}) kept in this browser.
// Without one the map shows the city's own districts on a plain background, which works offline.
const KEY = 'cityguard.map';

export interface MapSettings {
  /** e.g. https://tiles.example.org/{z}/{x}/{y}.png; absent for no base map. */
  tileUrl?: string;
}

/** The saved map settings. */
export function loadMapSettings(): MapSettings {
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? '{}') as MapSettings;
  } catch {
    return {};
  }
}

/** Problems with a tile URL template, empty when it can be used. */
export function checkTileUrl(url: string): string[] {
  const problems: string[] = [];
  if (!/^https:\/\/|^\//.test(url)) problems.push('it must start with https:// (or / for a server on this host)');
  for (const p of ['{z}', '{x}', '{y}']) if (!url.includes(p)) problems.push(`it must contain ${p}`);
  return problems;
}

/** Saves the map settings; an empty tile URL removes the base map. */
export function saveMapSettings(settings: MapSettings): void {
  localStorage.setItem(KEY, JSON.stringify(settings.tileUrl ? settings : {}));
}
