// The dashboard: the sign-in page until someone signs in, then the layout and the page for the URL.
import { useMemo, useState } from 'react';
import { ApiClient } from '../api/api-client.js';
import { ApiContext } from '../api/api-context.js';
import { LiveProvider } from '../api/live-context.js';
import { Layout } from './layout.js';
import { LoginPage } from './login-page.js';
import { PageSwitch } from './page-switch.js';
import { clearSession, loadSession, saveSession, type SignedIn } from './session-store.js';

/** Root component. */
export function App() {
  const [session, setSession] = useState<SignedIn | undefined>(loadSession);
  const [notice, setNotice] = useState<string>();
  const signOut = (why?: string) => {
    if (session?.kind === 'session') void fetch('/api/logout', { method: 'POST', headers: { authorization: `Bearer ${session.token}` } }).catch(() => undefined);
    clearSession();
    setSession(undefined);
    setNotice(why);
  };
  const client = useMemo(
    () => (session ? new ApiClient(session.token, () => signOut('Your sign-in has expired or was revoked. Please sign in again.')) : undefined),
    // signOut only closes over `session`, which is the dependency already.
    [session],
  );
  if (!session || !client) {
    return (
      <LoginPage
        notice={notice}
        onSignedIn={(s) => {
          saveSession(s);
          setNotice(undefined);
          setSession(s);
        }}
      />
    );
  }
  return (
    <ApiContext.Provider value={{ client, user: session.user, role: session.role, signOut: () => signOut() }}>
      <LiveProvider client={client}>
        <Layout>
          <PageSwitch />
        </Layout>
      </LiveProvider>
    </ApiContext.Provider>
  );
}
