// Settings kept in this browser: the optional base-map tile server and motion.
import { useState, type FormEvent } from 'react';
import { animationsEnabled, setAnimationsEnabled } from './display-settings.js';
import { checkTileUrl, loadMapSettings, saveMapSettings } from './map-settings.js';

/** The settings page. */
export function SettingsPage() {
  const [tileUrl, setTileUrl] = useState(loadMapSettings().tileUrl ?? '');
  const [problems, setProblems] = useState<string[]>([]);
  const [saved, setSaved] = useState<string>();
  const [motion, setMotion] = useState(animationsEnabled());

  const save = (e: FormEvent) => {
    e.preventDefault();
    const url = tileUrl.trim();
    const found = url ? checkTileUrl(url) : [];
    setProblems(found);
    if (found.length) return;
    saveMapSettings(url ? { tileUrl: url } : {});
    setSaved(url ? 'Saved. The map uses this tile server from now on.' : 'Saved. The map shows the city’s districts without a base map.');
  };

  return (
    <section>
      <h1>Settings</h1>
      <p className="muted">These settings are kept in this browser only.</p>
      <form className="card" onSubmit={save}>
        <h2>Base map</h2>
        <p>
          By default the map shows only the city’s own districts and devices, so it works without an internet connection. If your city runs a
          tile server, enter its address here.
        </p>
        <label>
          Tile server address
          <input value={tileUrl} onChange={(e) => setTileUrl(e.target.value)} placeholder="https://tiles.example.org/{z}/{x}/{y}.png" size={60} />
        </label>
        {problems.length > 0 && (
          <ul className="error" role="alert">
            {problems.map((p) => (
              <li key={p}>The address cannot be used: {p}.</li>
            ))}
          </ul>
        )}
        <button className="primary">Save</button>
        {saved && <p role="status">{saved}</p>}
      </form>
      <div className="card">
        <h2>Motion</h2>
        <label className="inline">
          <input
            type="checkbox"
            checked={motion}
            onChange={(e) => {
              setAnimationsEnabled(e.target.checked);
              setMotion(animationsEnabled());
            }}
          />{' '}
          Pulse devices under attack on the map
        </label>
      </div>
    </section>
  );
}
