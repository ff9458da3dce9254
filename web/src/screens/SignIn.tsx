import { type FormEvent, useState } from 'react';
import { Navigate, useLocation } from 'react-router';
import * as z from 'zod/mini';
import { ErrorState } from '../components/States';
import { useApp } from '../lib/app-context';
import type { CognitoAuth } from '../lib/config';
import { ROLES, type Role } from '../lib/session';

const TokenAnswer = z.object({ token: z.string() });
const From = z.object({ from: z.string() });

/** Local stack: pick organisation, user and role; the gateway mints a token with the local key pair. */
export function SignIn() {
  const { config, session, signIn } = useApp();
  const location = useLocation();
  const from = z.safeParse(From, location.state);
  const [org, setOrg] = useState('acme');
  const [user, setUser] = useState('alice');
  const [role, setRole] = useState<Role>('bid-manager');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  if (session) return <Navigate to={from.success ? from.data.from : '/app/tenders'} replace />;
  if (config.auth.mode === 'cognito') return <CognitoSignIn auth={config.auth} />;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const res = await fetch('/local/token', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ org, user, roles: [role] }),
      });
      const body: unknown = await res.json();
      if (!res.ok) throw new Error(z.safeParse(z.object({ detail: z.string() }), body).data?.detail);
      signIn(z.parse(TokenAnswer, body).token);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" className="signin">
      <h1>Sign in to Tenderflow</h1>
      <p className="hint">
        Local stack: choose who you are. The token is signed with this machine's local key.
      </p>
      <form onSubmit={submit}>
        <label>
          Organisation
          <input
            value={org}
            onChange={(e) => setOrg(e.target.value)}
            required
            pattern="[a-z0-9][a-z0-9\-]*"
          />
        </label>
        <label>
          User
          <input value={user} onChange={(e) => setUser(e.target.value)} required />
        </label>
        <label>
          Role
          <select value={role} onChange={(e) => setRole(ROLES.find((r) => r === e.target.value) ?? 'viewer')}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      {error !== null && <ErrorState error={error} />}
    </main>
  );
}

function CognitoSignIn({ auth }: { auth: CognitoAuth }) {
  const [error, setError] = useState<unknown>(null);
  const go = async () => {
    try {
      const { userManager } = await import('../lib/cognito');
      await userManager(auth).signinRedirect();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <main id="main" className="signin">
      <h1>Sign in to Tenderflow</h1>
      <button type="button" onClick={() => void go()}>
        Sign in with your organisation account
      </button>
      {error !== null && <ErrorState error={error} />}
    </main>
  );
}
