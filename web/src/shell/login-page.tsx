// Sign in with a user account (name and password) or with an API token; the API decides the role.
import { useState, type FormEvent } from 'react';
import type { LoginResponse, SessionInfo } from '../../../src/contracts/index.js';
import { ApiClient, ApiError, loginWithAccount } from '../api/api-client.js';
import type { SignedIn } from './session-store.js';

type Method = 'account' | 'token';

/** The sign-in page. */
export function LoginPage({ onSignedIn, notice }: { onSignedIn: (s: SignedIn) => void; notice?: string | undefined }) {
  const [method, setMethod] = useState<Method>('account');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(undefined);
    try {
      if (method === 'account') {
        const r = await loginWithAccount<LoginResponse>(String(form.get('user') ?? '').trim(), String(form.get('password') ?? ''));
        onSignedIn({ token: r.token, user: r.user, role: r.role, kind: 'session', expiresTs: r.expiresTs });
      } else {
        const token = String(form.get('token') ?? '').trim();
        const who = await new ApiClient(token).get<SessionInfo>('/api/session');
        onSignedIn({ ...who, token });
      }
    } catch (err) {
      setError(explain(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login" id="main">
      <h1>cityguard</h1>
      <p className="lead">Security of the city’s power, traffic, water and emergency services.</p>
      {notice && <p className="notice" role="status">{notice}</p>}
      <div className="tabs" role="tablist" aria-label="How to sign in">
        <button role="tab" type="button" aria-selected={method === 'account'} onClick={() => setMethod('account')}>
          User account
        </button>
        <button role="tab" type="button" aria-selected={method === 'token'} onClick={() => setMethod('token')}>
          API token
        </button>
      </div>
      <form onSubmit={submit} className="card login-form" aria-describedby={error ? 'login-error' : undefined}>
        {method === 'account' ? (
          <>
            <label>
              User name
              <input name="user" autoComplete="username" required autoFocus />
            </label>
            <label>
              Password
              <input name="password" type="password" autoComplete="current-password" required />
            </label>
          </>
        ) : (
          <label>
            API token
            <input name="token" type="password" autoComplete="off" required autoFocus placeholder="cg_…" />
            <span className="hint">The demo writes one to <code>&lt;data-dir&gt;/admin.token</code>; <code>cityguard tokens create</code> makes more.</span>
          </label>
        )}
        {error && (
          <p className="error" id="login-error" role="alert">
            {error}
          </p>
        )}
        <button className="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}

function explain(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.code === 'CG_API_LOGIN_FAILED') return 'That user name and password do not match an account.';
    if (err.code === 'CG_API_UNAUTHENTICATED') return 'That token is not valid (it may have been revoked).';
    return err.message;
  }
  return 'The cityguard server could not be reached. Check that it is running.';
}
