import { Match } from 'aws-cdk-lib/assertions';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { callerFrom } from '../../functions/lib/auth.ts';
import { routes } from '../../functions/routes.ts';
import { getAtt, logicalId, synthesise } from './harness.ts';

/** Sign-in for the web app: the hosted-UI client, the tokens it gets, and what the API accepts from it. */
const built = synthesise();
const { stateful, template, imported, exportedValue } = built;
const stack = { web: stateful.web, auth: stateful.auth, data: stateful.data, api: built.api.api };
const resources = template.toJSON().Resources;
const propsOf = (id: string) => resources[id].Properties;
const cdnId = logicalId(stack.web.distribution);
const appOrigin = { 'Fn::Join': ['', ['https://', getAtt(cdnId, 'DomainName')]] };

describe('Cognito hosted UI for the web app', () => {
  const client = () => propsOf(logicalId(stack.web.client));

  it('has a hosted-UI domain on the user pool', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      UserPoolId: { Ref: logicalId(stack.auth.userPool) },
      Domain: Match.anyValue(),
    });
  });

  it('is a public client with the authorization-code grant only (PKCE), the openid/email/profile scopes and no password flows', () => {
    expect(client()).toMatchObject({
      GenerateSecret: false,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      SupportedIdentityProviders: ['COGNITO'],
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
      EnableTokenRevocation: true,
      PreventUserExistenceErrors: 'ENABLED',
    });
  });

  it("calls back to the app's /auth/callback and signs out to the app's /", () => {
    expect(client().CallbackURLs).toEqual([
      { 'Fn::Join': ['', ['https://', getAtt(cdnId, 'DomainName'), '/auth/callback']] },
    ]);
    expect(client().LogoutURLs).toEqual([
      { 'Fn::Join': ['', ['https://', getAtt(cdnId, 'DomainName'), '/']] },
    ]);
  });

  it('puts custom:org in its ID tokens without letting users change it', () => {
    expect(client().ReadAttributes).toContain('custom:org');
    expect(client().WriteAttributes).not.toContain('custom:org');
  });

  it('leaves the CLI client on SRP with OAuth off, so the hosted UI cannot issue tokens for it', () => {
    expect(propsOf(logicalId(stack.auth.client))).toMatchObject({
      AllowedOAuthFlowsUserPoolClient: false,
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    });
    expect(propsOf(logicalId(stack.auth.client)).CallbackURLs).toBeUndefined();
  });
});

describe('tokens the app sends', () => {
  // The claims as API Gateway's JWT authorizer hands them to a handler (arrays flattened to "[a b]"),
  // for the two tokens Cognito's token endpoint returns to the web client (shapes from Cognito's docs).
  const event = (claims: Record<string, string>) =>
    ({
      requestContext: { authorizer: { jwt: { claims, scopes: null } } },
    }) as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
  const common = {
    sub: '6f1c2a4e-0b1d-4c1a-9a7e-2f0c6b1d9e11',
    iss: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123',
    'cognito:groups': '[bid-manager reviewer]',
    origin_jti: 'b6e1f0d2-1c3a-4b5e-8f70-9a1b2c3d4e5f',
    auth_time: '1764547200',
    exp: '1764550800',
    iat: '1764547200',
  };
  const idToken = {
    ...common,
    aud: '4p1ab2cd3ef4gh5ij6kl7mn8op',
    token_use: 'id',
    'cognito:username': 'maria.k',
    'custom:org': 'acme',
    email: 'maria.k@acme.example',
    email_verified: 'true',
  };
  const accessToken = {
    ...common,
    client_id: '4p1ab2cd3ef4gh5ij6kl7mn8op',
    token_use: 'access',
    scope: 'openid email profile',
    username: 'maria.k',
  };

  it('the ID token maps to the caller: organisation, user and roles (the app sends it as the Bearer token)', () => {
    expect(callerFrom(event(idToken))).toEqual({
      org: 'acme',
      user: 'maria.k',
      roles: ['bid-manager', 'reviewer'],
    });
  });

  it('the access token carries no custom:org, so the API refuses it (403)', () => {
    expect(() => callerFrom(event(accessToken))).toThrow(/custom:org/);
  });
});

describe('API CORS', () => {
  const cors = () => propsOf(logicalId(stack.api.httpApi)).CorsConfiguration;

  it("allows the app's CloudFront origin only, without credentials", () => {
    // the API stack reads the origin from the stateful stack, where the distribution is
    expect(cors().AllowOrigins).toEqual([imported('WebAppUrl')]);
    expect(exportedValue('WebAppUrl')).toEqual(appOrigin);
    expect(cors().AllowCredentials).toBe(false);
  });

  it("allows exactly the route table's methods and the headers the app sends; exposes ETag", () => {
    expect([...cors().AllowMethods].sort()).toEqual([...new Set(routes.map((r) => r.method))].sort());
    expect(cors().AllowHeaders).toEqual(['authorization', 'content-type', 'if-match', 'idempotency-key']);
    expect(cors().ExposeHeaders).toContain('etag');
  });

  it("lets the app PUT presigned uploads to the documents bucket from the app's origin only", () => {
    expect(propsOf(logicalId(stack.data.bucket)).CorsConfiguration.CorsRules).toEqual([
      {
        AllowedOrigins: [appOrigin],
        AllowedMethods: ['PUT', 'GET'],
        AllowedHeaders: ['content-type', 'if-none-match'],
        ExposedHeaders: ['ETag'],
        MaxAge: 3600,
      },
    ]);
  });
});
