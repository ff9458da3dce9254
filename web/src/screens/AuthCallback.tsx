import { useEffect, useState } from 'react';
import { Navigate } from 'react-router';
import { ErrorState, Loading } from '../components/States';
import { useApp } from '../lib/app-context';
import { userManager } from '../lib/cognito';

/** Cognito's redirect back (authorization code + PKCE): exchange the code, keep the id token. */
export default function AuthCallback() {
  const { config, signIn, session } = useApp();
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (config.auth.mode !== 'cognito') return;
    userManager(config.auth)
      .signinRedirectCallback()
      .then((user) => signIn(user.id_token ?? user.access_token), setError);
  }, [config, signIn]);
  if (session) return <Navigate to="/app/tenders" replace />;
  if (config.auth.mode !== 'cognito') return <Navigate to="/app/sign-in" replace />;
  return error ? <ErrorState error={error} /> : <Loading what="your session" />;
}
