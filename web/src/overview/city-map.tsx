// The city map: districts from the city's own GeoJSON, every device as a dot coloured by its state,
// devices under attack pulsing. No tiles by default (works offline); a raster tile server is an
// optional setting. Labels are HTML markers because text layers would need a glyph server.
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { FeatureCollection, Geometry } from 'geojson';
import { ASSET_STATE_WORDS, type AssetState } from '../model/asset-state.js';
import { animationsEnabled } from '../settings/display-settings.js';
import { loadMapSettings } from '../settings/map-settings.js';
import { useRouter } from '../shell/router.js';

maplibregl.setWorkerUrl(workerUrl);

/** Map colours per state; each has at least 3:1 contrast with the map background (WCAG 1.4.11). */
export const STATE_COLOURS: Record<AssetState, string> = {
  incident: '#c4161c',
  alert: '#a85400',
  down: '#1f1f1f',
  contained: '#5b3fa0',
  silent: '#6b7280',
  normal: '#1d6b45',
  unknown: '#6b7280',
};

type CityGeoJson = FeatureCollection<Geometry, Record<string, unknown>>;

export interface CityMapProps {
  geojson: CityGeoJson;
  states: ReadonlyMap<string, AssetState>;
  /** Devices to ring (e.g. an incident's devices); all devices when absent. */
  highlight?: ReadonlySet<string>;
  /** Accessible summary of what the map shows. */
  label: string;
  height?: number;
}

function withStates(geojson: CityGeoJson, states: ReadonlyMap<string, AssetState>, highlight?: ReadonlySet<string>): CityGeoJson {
  return {
    ...geojson,
    features: geojson.features.map((f) =>
      f.properties['layer'] === 'asset'
        ? {
            ...f,
            properties: {
              ...f.properties,
              state: states.get(String(f.properties['id'])) ?? 'unknown',
              highlighted: highlight ? highlight.has(String(f.properties['id'])) : false,
            },
          }
        : f,
    ),
  };
}

function bounds(geojson: CityGeoJson): maplibregl.LngLatBounds {
  const b = new maplibregl.LngLatBounds();
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') b.extend(c as [number, number]);
    else if (Array.isArray(c)) c.forEach(visit);
  };
  for (const f of geojson.features) if ('coordinates' in f.geometry) visit(f.geometry.coordinates);
  return b;
}

function centroid(geometry: Geometry): [number, number] | undefined {
  if (geometry.type !== 'Polygon') return undefined;
  const ring = geometry.coordinates[0] ?? [];
  const n = Math.max(1, ring.length - 1);
  let lon = 0;
  let lat = 0;
  for (const p of ring.slice(0, n)) {
    lon += p[0] ?? 0;
    lat += p[1] ?? 0;
  }
  return [lon / n, lat / n];
}

const colourByState = ['match', ['get', 'state'], ...Object.entries(STATE_COLOURS).flat(), STATE_COLOURS.unknown] as unknown as maplibregl.ExpressionSpecification;

function style(): maplibregl.StyleSpecification {
  const tiles = loadMapSettings().tileUrl;
  return {
    version: 8,
    sources: tiles ? { basemap: { type: 'raster', tiles: [tiles], tileSize: 256 } } : {},
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#f1f3f5' } },
      ...(tiles ? [{ id: 'basemap', type: 'raster' as const, source: 'basemap', paint: { 'raster-opacity': 0.6 } }] : []),
    ],
  };
}

function addLayers(map: maplibregl.Map, data: CityGeoJson): void {
  map.addSource('city', { type: 'geojson', data });
  map.addLayer({ id: 'districts', type: 'fill', source: 'city', filter: ['==', ['get', 'layer'], 'district'], paint: { 'fill-color': '#dfe6ee', 'fill-opacity': 0.7 } });
  map.addLayer({ id: 'district-lines', type: 'line', source: 'city', filter: ['==', ['get', 'layer'], 'district'], paint: { 'line-color': '#5a6b7d', 'line-width': 1.5 } });
  const assets: maplibregl.FilterSpecification = ['==', ['get', 'layer'], 'asset'];
  map.addLayer({
    id: 'pulse',
    type: 'circle',
    source: 'city',
    filter: ['all', assets, ['==', ['get', 'state'], 'incident']],
    paint: { 'circle-color': STATE_COLOURS.incident, 'circle-opacity': 0.25, 'circle-radius': 14 },
  });
  map.addLayer({
    id: 'assets',
    type: 'circle',
    source: 'city',
    filter: assets,
    // Devices at one site share a spot: draw the most urgent state on top.
    layout: { 'circle-sort-key': ['match', ['get', 'state'], 'incident', 6, 'alert', 5, 'down', 4, 'contained', 3, 'silent', 2, 'normal', 1, 0] },
    paint: {
      'circle-color': colourByState,
      'circle-radius': ['case', ['in', ['get', 'state'], ['literal', ['incident', 'down', 'alert', 'contained']]], 7, 4.5],
      'circle-stroke-color': ['case', ['get', 'highlighted'], '#000000', '#ffffff'],
      'circle-stroke-width': ['case', ['get', 'highlighted'], 3, 1],
    },
  });
}

/** Starts the pulse of devices under attack; returns a stop function. Off when animations are off. */
function pulse(map: maplibregl.Map): () => void {
  if (!animationsEnabled()) return () => undefined;
  let frame = 0;
  const step = (t: number) => {
    const phase = (t % 1600) / 1600;
    if (map.getLayer('pulse')) {
      map.setPaintProperty('pulse', 'circle-radius', 8 + 16 * phase);
      map.setPaintProperty('pulse', 'circle-opacity', 0.45 * (1 - phase));
    }
    frame = requestAnimationFrame(step);
  };
  frame = requestAnimationFrame(step);
  return () => cancelAnimationFrame(frame);
}

/** The map component. */
export function CityMap({ geojson, states, highlight, label, height = 460 }: CityMapProps) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState<string>();
  const { navigate } = useRouter();
  // Redraw only when a device changes state: every setData re-tiles in the worker, and a stream of
  // them (one per page refresh) can keep the map from ever finishing a frame.
  const signature = useMemo(() => [...states].map(([id, s]) => `${id}:${s}:${highlight?.has(id) ? 1 : 0}`).join(','), [states, highlight]);
  // `signature` stands for `states` and `highlight` in the dependencies.
  const data = useMemo(() => withStates(geojson, states, highlight), [geojson, signature]);
  const dataRef = useRef(data);
  dataRef.current = data;

  useEffect(() => {
    if (!container.current) return;
    let map: maplibregl.Map;
    try {
      map = new maplibregl.Map({ container: container.current, style: style(), attributionControl: false, bounds: bounds(geojson), fitBoundsOptions: { padding: 24 }, fadeDuration: 0 });
    } catch (err) {
      setFailed(err instanceof Error ? err.message : String(err));
      return;
    }
    mapRef.current = map;
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    const markers = geojson.features
      .filter((f) => f.properties['layer'] === 'district')
      .flatMap((f) => {
        const at = centroid(f.geometry);
        if (!at) return [];
        const el = document.createElement('div');
        el.className = 'district-label';
        el.textContent = String(f.properties['name'] ?? f.properties['id']).replace(/ \(.*\)$/, '');
        return [new maplibregl.Marker({ element: el }).setLngLat(at).addTo(map)];
      });
    let stopPulse = () => undefined as void;
    map.on('load', () => {
      addLayers(map, dataRef.current);
      stopPulse = pulse(map);
      setReady(true);
    });
    map.on('mouseenter', 'assets', () => (map.getCanvas().style.cursor = 'pointer'));
    map.on('mouseleave', 'assets', () => (map.getCanvas().style.cursor = ''));
    map.on('click', 'assets', (e) => {
      const f = e.features?.[0];
      if (!f) return;
      const p = f.properties as Record<string, string>;
      const el = document.createElement('div');
      const title = document.createElement('strong');
      title.textContent = p['name'] ?? p['id'] ?? '';
      const state = document.createElement('div');
      state.textContent = ASSET_STATE_WORDS[(p['state'] as AssetState) ?? 'unknown'];
      const open = document.createElement('button');
      open.type = 'button';
      open.textContent = 'Open device page';
      open.onclick = () => navigate(`/devices/${encodeURIComponent(p['id'] ?? '')}`);
      el.append(title, state, open);
      new maplibregl.Popup({ closeButton: true }).setLngLat(e.lngLat).setDOMContent(el).addTo(map);
    });
    return () => {
      stopPulse();
      markers.forEach((m) => m.remove());
      map.remove();
      mapRef.current = null;
    };
    // The map is built once per geometry; state changes only update the source below.
  }, [geojson, navigate]);

  useEffect(() => {
    const source = mapRef.current?.getSource('city') as maplibregl.GeoJSONSource | undefined;
    if (ready && source) source.setData(data);
  }, [ready, data]);

  const counts = countStates(states);
  return (
    <figure className="city-map">
      {failed ? (
        <p className="unavailable">The map cannot be drawn in this browser ({failed}). The device list shows the same states.</p>
      ) : (
        <div ref={container} className="map-canvas" style={{ height }} role="img" aria-label={label} data-testid="city-map" data-ready={ready ? 'yes' : 'no'} data-devices={counts.total} />
      )}
      <figcaption>
        <ul className="legend" aria-label="What the colours mean">
          {(['incident', 'alert', 'down', 'contained', 'silent', 'normal'] as const).map((s) => (
            <li key={s}>
              <span className="dot" style={{ background: STATE_COLOURS[s] }} aria-hidden="true" /> {ASSET_STATE_WORDS[s]} <span className="count">({counts[s] ?? 0})</span>
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}

function countStates(states: ReadonlyMap<string, AssetState>): Partial<Record<AssetState, number>> & { total: number } {
  const out: Partial<Record<AssetState, number>> & { total: number } = { total: states.size };
  for (const s of states.values()) out[s] = (out[s] ?? 0) + 1;
  return out;
}
