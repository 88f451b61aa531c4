// Which page a URL shows.
import { AssetPage } from '../assets/asset-page.js';
import { AssetsPage } from '../assets/assets-page.js';
import { DrillsPage } from '../drills/drills-page.js';
import { PlansPage } from '../drills/plans-page.js';
import { IncidentPage } from '../incidents/incident-page.js';
import { IncidentsPage } from '../incidents/incidents-page.js';
import { LedgerPage } from '../ledger/ledger-page.js';
import { OverviewPage } from '../overview/overview-page.js';
import { PosturePage } from '../posture/posture-page.js';
import { SettingsPage } from '../settings/settings-page.js';
import { matchPath, useRouter } from './router.js';

/** Renders the page for the current path. */
export function PageSwitch() {
  const { path } = useRouter();
  let m: Record<string, string> | null;
  if (path === '/' || path === '') return <OverviewPage />;
  if (matchPath('/incidents', path)) return <IncidentsPage />;
  if ((m = matchPath('/incidents/:id', path))) return <IncidentPage key={m['id']} id={m['id']!} />;
  if (matchPath('/devices', path)) return <AssetsPage />;
  if ((m = matchPath('/devices/:id', path))) return <AssetPage key={m['id']} id={m['id']!} />;
  if (matchPath('/posture', path)) return <PosturePage />;
  if (matchPath('/drills', path)) return <DrillsPage />;
  if (matchPath('/plans', path)) return <PlansPage />;
  if (matchPath('/ledger', path)) return <LedgerPage />;
  if (matchPath('/settings', path)) return <SettingsPage />;
  return (
    <section>
      <h1>Page not found</h1>
      <p>There is no page at {path}.</p>
    </section>
  );
}
