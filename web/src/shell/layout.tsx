// The frame around every page: a skip link, the city and its headline, the navigation, the live
// connection and who is signed in. The headline is on every page so "act now" is never missed.
import type { ReactNode } from 'react';
import type { StatusResponse } from '../../../src/contracts/index.js';
import { useApi } from '../api/api-context.js';
import { useLive } from '../api/live-context.js';
import { useResource } from '../api/use-resource.js';
import { HEADLINE_WORDS, setDisplayTimeZone } from '../model/plain-words.js';
import { Link, useRouter } from './router.js';

const NAV: Array<{ to: string; label: string }> = [
  { to: '/', label: 'Overview' },
  { to: '/incidents', label: 'Incidents & alerts' },
  { to: '/devices', label: 'Devices' },
  { to: '/posture', label: 'Weak spots' },
  { to: '/drills', label: 'Drills' },
  { to: '/plans', label: 'Plans' },
  { to: '/ledger', label: 'Record' },
  { to: '/settings', label: 'Settings' },
];

/** Page frame. */
export function Layout({ children }: { children: ReactNode }) {
  const { user, role, signOut } = useApi();
  const { connected } = useLive();
  const { path } = useRouter();
  const status = useResource<StatusResponse>('/api/status', { intervalMs: 5000 });
  const headline = status.data?.headline;
  const zone = status.data?.city.timezone;
  // Before the children render, so every time on the page is in the city's zone; the key below
  // redraws the page once when the zone becomes known.
  setDisplayTimeZone(zone);
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className={`topbar ${headline ?? ''}`}>
        <div className="brand">
          <strong>cityguard</strong>
          {status.data && (
            <span className="city">
              {status.data.city.name}
              {zone && <span className="zone"> · times in {zone}</span>}
            </span>
          )}
        </div>
        {headline && (
          <Link to="/" className={`headline-pill ${headline}`} data-testid="headline-pill">
            {HEADLINE_WORDS[headline].title}
          </Link>
        )}
        <div className="who">
          <span className={`live-dot ${connected ? 'on' : 'off'}`} aria-hidden="true" />
          <span className="sr-only">{connected ? 'Live updates connected' : 'Live updates disconnected; retrying'}</span>
          <span className="live-label">{connected ? 'Live' : 'Reconnecting…'}</span>
          <span>
            {user} <span className="role">({role})</span>
          </span>
          <button type="button" onClick={signOut}>
            Sign out
          </button>
        </div>
      </header>
      <nav className="mainnav" aria-label="Main">
        <ul>
          {NAV.map((n) => {
            const current = n.to === '/' ? path === '/' : path.startsWith(n.to);
            return (
              <li key={n.to}>
                <Link to={n.to} aria-current={current ? 'page' : undefined}>
                  {n.label}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <main id="main" tabIndex={-1} key={zone ?? 'local'}>
        {children}
      </main>
    </>
  );
}
