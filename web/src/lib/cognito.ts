import { UserManager } from 'oidc-client-ts';
import type { CognitoAuth } from './config';

/** Cognito Hosted UI: authorization code + PKCE (oidc-client-ts), driven by /config.json. */
export function userManager(auth: CognitoAuth): UserManager {
  return new UserManager({
    authority: auth.authority,
    client_id: auth.clientId,
    redirect_uri: auth.redirectUri,
    post_logout_redirect_uri: auth.logoutUri,
    response_type: 'code',
    scope: auth.scopes.join(' '),
    metadataSeed: { end_session_endpoint: `${auth.domain}/logout` },
  });
}
