import { Aws } from 'aws-cdk-lib';

/**
 * What the deployed web app is told and allowed, in one place: its `/config.json` (the contract with
 * web/), its Content-Security-Policy, and the CloudFront Function that serves client-side routes.
 * Pure: the values may be CDK tokens, resolved at deploy time.
 */

/** The app's sign-in callback and the page Cognito returns to after sign-out (both on the app's origin). */
export const callbackPath = '/auth/callback';
export const logoutPath = '/';
export const scopes = ['openid', 'email', 'profile'] as const;

export interface WebConfigInput {
  /** The API's origin, e.g. https://abc.execute-api.eu-west-1.amazonaws.com (no trailing slash). */
  apiBaseUrl: string;
  /** The user pool's issuer, https://cognito-idp.<region>.amazonaws.com/<poolId>. */
  authority: string;
  clientId: string;
  /** The hosted UI, https://<prefix>.auth.<region>.amazoncognito.com. */
  domain: string;
  /** The app's origin, https://<id>.cloudfront.net (no trailing slash). */
  appUrl: string;
}

/** `/config.json` as web/ reads it at start (the contract between i12-app and i12-cloud). */
export const webConfig = (c: WebConfigInput) => ({
  apiBaseUrl: c.apiBaseUrl,
  auth: {
    mode: 'cognito' as const,
    authority: c.authority,
    clientId: c.clientId,
    domain: c.domain,
    redirectUri: `${c.appUrl}${callbackPath}`,
    logoutUri: `${c.appUrl}${logoutPath}`,
    scopes: [...scopes],
  },
});

const policy = (directives: Record<string, readonly string[]>) =>
  Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(' '))
    .join('; ');

/**
 * The Content-Security-Policy header CloudFront adds to every response. It cannot name the API, the
 * documents bucket or the hosted UI exactly: those names are known only once CloudFormation creates
 * them, and the API's and the bucket's CORS rules need the distribution's name, so naming them here
 * would make a dependency cycle. It names them per region instead, and index.html carries the exact
 * `connect-src` ({@link exactConnectPolicy}); a browser enforces both, so the exact list is what holds.
 */
export function headerPolicy(): string {
  const region = Aws.REGION;
  return policy({
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    // Accessible-component libraries set positioning styles inline (style attributes, <style> for
    // scroll locking); no script can come from them.
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'"],
    'connect-src': [
      "'self'",
      `https://*.execute-api.${region}.amazonaws.com`,
      `https://*.s3.${region}.amazonaws.com`,
      `https://cognito-idp.${region}.amazonaws.com`,
      `https://*.auth.${region}.amazoncognito.com`,
    ],
    'frame-ancestors': ["'none'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'upgrade-insecure-requests': [],
  });
}

export interface ExactConnectInput {
  apiBaseUrl: string;
  /** The documents bucket's name: evidence and large imports are PUT to it with presigned URLs. */
  documentsBucketName: string;
  authority: string;
  domain: string;
}

/** The exact `connect-src`, delivered in index.html (a `<meta>` policy cannot carry frame-ancestors). */
export const exactConnectPolicy = (c: ExactConnectInput) =>
  policy({
    'connect-src': [
      "'self'",
      c.apiBaseUrl,
      // The S3 client presigns virtual-hosted, regional URLs.
      `https://${c.documentsBucketName}.s3.${Aws.REGION}.${Aws.URL_SUFFIX}`,
      // OIDC discovery and keys under the authority (a trailing slash matches the paths below it),
      // and the hosted UI's token, user-info and revocation endpoints.
      `${c.authority}/`,
      c.domain,
    ],
  });

/** index.html with `policy` as a `<meta http-equiv>` CSP, first in `<head>` so it covers every script. */
export function withCspMeta(html: string, csp: string): string {
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (!head) throw new Error('index.html has no <head>: cannot add the Content-Security-Policy');
  const at = head.index + head[0].length;
  return `${html.slice(0, at)}\n    <meta http-equiv="Content-Security-Policy" content="${csp}" />${html.slice(at)}`;
}

/**
 * CloudFront Function (viewer request) for client-side routes: `/app`, `/app/...` and the sign-in
 * callback are the app's own pages, served by index.html; every other path is a real object.
 * Chosen over CloudFront's custom error responses, which apply to the whole distribution: a missing
 * `/assets/*.js` or `/config.json` would come back as index.html with 200, hiding the fault.
 */
export const spaRewriteCode = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri === '/app' || uri.indexOf('/app/') === 0 || uri === '${callbackPath}') {
    request.uri = '/index.html';
  }
  return request;
}`;
