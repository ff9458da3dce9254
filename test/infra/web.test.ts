import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { spaRewriteCode, withCspMeta } from '../../infra/constructs/web-policy.ts';
import { getAtt, logicalId, refIn, synthesise } from './harness.ts';

const built = synthesise();
const { app, stateful, template, imported, exportedValue } = built;
const stack = { web: stateful.web, data: stateful.data, auth: stateful.auth, api: built.api.api };
const resources = template.toJSON().Resources;
const propsOf = (id: string) => resources[id].Properties;

const cdnId = logicalId(stack.web.distribution);
const siteId = logicalId(stack.web.bucket);
const appOrigin = { 'Fn::Join': ['', ['https://', getAtt(cdnId, 'DomainName')]] };
const distribution = () => propsOf(cdnId).DistributionConfig;

/**
 * A CloudFormation value as a short readable name: `Ref:X`, `GetAtt:X.Attr`, `Import:<export>` (from the
 * stateful stack), `Output:<stack>.<output>` (a weak reference to another stateless stack).
 */
const describeToken = (value: unknown): string => {
  const ref = z.object({ Ref: z.string() }).safeParse(value);
  if (ref.success) return `Ref:${ref.data.Ref}`;
  const att = z.object({ 'Fn::GetAtt': z.tuple([z.string(), z.string()]) }).safeParse(value);
  if (att.success) return `GetAtt:${att.data['Fn::GetAtt'].join('.')}`;
  const imp = z.object({ 'Fn::ImportValue': z.string() }).safeParse(value);
  if (imp.success) return `Import:${imp.data['Fn::ImportValue']}`;
  const out = z
    .object({ 'Fn::GetStackOutput': z.object({ StackName: z.string(), OutputName: z.string() }) })
    .safeParse(value);
  if (out.success)
    return `Output:${out.data['Fn::GetStackOutput'].StackName}.${out.data['Fn::GetStackOutput'].OutputName}`;
  throw new Error(`unexpected marker value ${JSON.stringify(value)}`);
};
const importOf = (key: Parameters<typeof imported>[0]) => `Import:${imported(key)['Fn::ImportValue']}`;

const deployment = z
  .object({
    SourceObjectKeys: z.array(z.string()),
    SourceMarkers: z.array(z.record(z.string(), z.unknown())),
    DestinationBucketName: z.unknown(),
    DistributionId: z.unknown(),
    Prune: z.boolean(),
  })
  .parse(Object.values(template.findResources('Custom::CDKBucketDeployment'))[0]?.Properties);

/** The deployed sources, as staged in the cloud assembly, with deploy-time markers spelled out. */
const sources = deployment.SourceObjectKeys.map((key, i) => {
  const dir = join(app.outdir, `asset.${key.replace(/\.zip$/, '')}`);
  const markers = deployment.SourceMarkers[i] ?? {};
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' });
  const read = (file: string) =>
    Object.entries(markers).reduce(
      (text, [marker, value]) => text.replaceAll(marker, `{${describeToken(value)}}`),
      readFileSync(join(dir, file), 'utf8'),
    );
  return { files, read };
});
const sourceWith = (file: string) => {
  const found = sources.find((s) => s.files.includes(file));
  if (!found) throw new Error(`no deployed source has ${file}`);
  return found;
};

describe('web site bucket', () => {
  it('is private, encrypted, owner-enforced and logs access', () => {
    expect(propsOf(siteId)).toMatchObject({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      LoggingConfiguration: { DestinationBucketName: { Ref: logicalId(stack.data.accessLogBucket) } },
    });
    expect(propsOf(siteId).WebsiteConfiguration).toBeUndefined();
  });

  it('is readable only by this distribution (OAC), and only over TLS', () => {
    const policy = Object.values(template.findResources('AWS::S3::BucketPolicy')).find(
      (p) => p.Properties.Bucket.Ref === siteId,
    );
    const statements: { Effect: string; Principal: unknown; Action: unknown; Condition?: unknown }[] =
      policy?.Properties.PolicyDocument.Statement ?? [];
    const allows = statements.filter((s) => s.Effect === 'Allow');
    expect(allows).toEqual([
      expect.objectContaining({
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Action: 's3:GetObject',
        Condition: {
          StringEquals: {
            'AWS:SourceArn': {
              'Fn::Join': [
                '',
                [
                  'arn:',
                  { Ref: 'AWS::Partition' },
                  ':cloudfront::',
                  { Ref: 'AWS::AccountId' },
                  ':distribution/',
                  { Ref: cdnId },
                ],
              ],
            },
          },
        },
      }),
    ]);
    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
  });
});

describe('CloudFront distribution', () => {
  it('serves the bucket through Origin Access Control, never an OAI or a website endpoint', () => {
    const [origin, ...others] = distribution().Origins;
    expect(others).toEqual([]);
    expect(origin.DomainName).toEqual(getAtt(siteId, 'RegionalDomainName'));
    expect(origin.OriginAccessControlId).toBeDefined();
    expect(origin.S3OriginConfig).toEqual({ OriginAccessIdentity: '' });
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: { OriginAccessControlOriginType: 's3', SigningBehavior: 'always' },
    });
  });

  it('redirects HTTP to HTTPS and allows only GET/HEAD on every behaviour, and logs requests', () => {
    const { DefaultCacheBehavior, CacheBehaviors, DefaultRootObject, Logging } = distribution();
    for (const behaviour of [DefaultCacheBehavior, ...CacheBehaviors]) {
      expect(behaviour.ViewerProtocolPolicy).toBe('redirect-to-https');
      expect(behaviour.AllowedMethods).toEqual(['GET', 'HEAD']);
    }
    expect(DefaultRootObject).toBe('index.html');
    expect(Logging.Bucket).toEqual(getAtt(logicalId(stack.web.cdnLogBucket), 'RegionalDomainName'));
  });

  it('answers client-side routes with index.html through a viewer-request function on the default behaviour only', () => {
    const { DefaultCacheBehavior, CacheBehaviors } = distribution();
    const [fnId] = Object.keys(template.findResources('AWS::CloudFront::Function'));
    expect(DefaultCacheBehavior.FunctionAssociations).toEqual([
      { EventType: 'viewer-request', FunctionARN: getAtt(fnId ?? '', 'FunctionARN') },
    ]);
    expect(CacheBehaviors.map((b: { PathPattern: string }) => b.PathPattern)).toEqual(['/assets/*']);
    expect(CacheBehaviors[0].FunctionAssociations).toBeUndefined();
    expect(propsOf(fnId ?? '').FunctionCode).toBe(spaRewriteCode);
    expect(propsOf(fnId ?? '').FunctionConfig.Runtime).toBe('cloudfront-js-2.0');
  });

  it('sends security headers on every behaviour: CSP, two-year HSTS with subdomains, nosniff, DENY, referrer policy', () => {
    const { DefaultCacheBehavior, CacheBehaviors } = distribution();
    for (const behaviour of [DefaultCacheBehavior, ...CacheBehaviors]) {
      const config = propsOf(behaviour.ResponseHeadersPolicyId.Ref).ResponseHeadersPolicyConfig;
      expect(config.SecurityHeadersConfig).toMatchObject({
        StrictTransportSecurity: {
          AccessControlMaxAgeSec: 63_072_000,
          IncludeSubdomains: true,
          Override: true,
        },
        ContentTypeOptions: { Override: true },
        FrameOptions: { FrameOption: 'DENY', Override: true },
        ReferrerPolicy: { ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true },
        ContentSecurityPolicy: { Override: true },
      });
    }
  });

  it("has a CSP that allows only the app's own scripts, no framing, no plugins, no foreign base or forms", () => {
    const config = propsOf(
      distribution().DefaultCacheBehavior.ResponseHeadersPolicyId.Ref,
    ).ResponseHeadersPolicyConfig;
    const csp = JSON.stringify(config.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy);
    for (const directive of [
      "default-src 'self'",
      "script-src 'self';",
      "frame-ancestors 'none'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
    ])
      expect(csp).toContain(directive);
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
  });

  it('revalidates index.html and config.json on every load, caches hashed assets for a year, and switches off unused browser features', () => {
    const { DefaultCacheBehavior, CacheBehaviors } = distribution();
    const permissions = {
      Header: 'Permissions-Policy',
      Value: expect.stringMatching(/^camera=\(\), microphone=\(\), geolocation=\(\), payment=\(\)/),
      Override: true,
    };
    const cacheControl = (policyId: string) =>
      propsOf(policyId).ResponseHeadersPolicyConfig.CustomHeadersConfig.Items;
    expect(cacheControl(DefaultCacheBehavior.ResponseHeadersPolicyId.Ref)).toEqual([
      { Header: 'Cache-Control', Value: 'no-cache', Override: true },
      permissions,
    ]);
    expect(cacheControl(CacheBehaviors[0].ResponseHeadersPolicyId.Ref)).toEqual([
      { Header: 'Cache-Control', Value: 'public, max-age=31536000, immutable', Override: true },
      permissions,
    ]);
  });
});

describe('SPA rewrite (the CloudFront Function, run as CloudFront would)', () => {
  const rewrite = (uri: string): string => {
    const handler: unknown = runInNewContext(`${spaRewriteCode}; handler`);
    if (typeof handler !== 'function') throw new Error('no handler');
    return z.object({ uri: z.string() }).parse(handler({ request: { uri } })).uri;
  };

  it.each(['/app', '/app/', '/app/tenders/01J9Z8', '/app/deadlines', '/auth/callback'])(
    '%s is an app page: served by index.html',
    (uri) => {
      expect(rewrite(uri)).toBe('/index.html');
    },
  );

  it.each(['/', '/index.html', '/config.json', '/assets/index-3f2a.js', '/application', '/favicon.svg'])(
    '%s is a real object: left alone',
    (uri) => {
      expect(rewrite(uri)).toBe(uri);
    },
  );
});

describe('deployment of the built app', () => {
  const webClientId = logicalId(stack.web.client);
  const poolId = logicalId(stack.auth.userPool);
  const domainId = logicalId(stack.web.domain);
  const apiId = logicalId(stack.api.httpApi);
  // The web stack reads the API's endpoint by a reference to the API stack.
  const apiEndpoint = describeToken(refIn(built.web.publish, stack.api.httpApi.apiEndpoint));

  it('is the web stack, deployed after the stateful and API stacks; the site and its distribution stay in the stateful stack', () => {
    expect(built.web.dependencies).toEqual(expect.arrayContaining([stateful, built.api]));
    expect(stack.web.bucket.stack).toBe(stateful);
    expect(stack.web.distribution.stack).toBe(stateful);
    expect(apiEndpoint).toMatch(new RegExp(`^Output:${built.api.stackName}\\.`));
    expect(built.api.resolve(stack.api.httpApi.apiEndpoint)).toEqual(getAtt(apiId, 'ApiEndpoint'));
  });

  it('writes to the site bucket, invalidates the distribution, and keeps older hashed assets', () => {
    expect(deployment.DestinationBucketName).toEqual(imported('SiteBucketName'));
    expect(deployment.DistributionId).toEqual(imported('DistributionId'));
    expect(exportedValue('SiteBucketName')).toEqual({ Ref: siteId });
    expect(exportedValue('DistributionId')).toEqual({ Ref: cdnId });
    expect(deployment.Prune).toBe(false);
  });

  it('keeps the site when the stack goes by default; a throw-away stack empties and deletes it', () => {
    template.hasResource('Custom::CDKBucketDeployment', { Properties: { RetainOnDelete: true } });
    expect(resources[siteId].DeletionPolicy).toBe('Retain');
    const scratch = synthesise({ stackProps: { deletionProtection: false } });
    scratch.template.hasResource('Custom::CDKBucketDeployment', { Properties: { RetainOnDelete: false } });
    expect(scratch.template.toJSON().Resources[logicalId(scratch.stateful.web.bucket)].DeletionPolicy).toBe(
      'Delete',
    );
  });

  it('deploys /config.json in the shape web/ reads, with the deployed values', () => {
    const config = JSON.parse(sourceWith('config.json').read('config.json'));
    expect(config).toEqual({
      apiBaseUrl: `{${apiEndpoint}}`,
      auth: {
        mode: 'cognito',
        authority: `https://{${importOf('UserPoolProviderUrl')}}`,
        clientId: `{${importOf('WebClientId')}}`,
        domain: `{${importOf('HostedUiDomain')}}`,
        redirectUri: `{${importOf('WebAppUrl')}}/auth/callback`,
        logoutUri: `{${importOf('WebAppUrl')}}/`,
        scopes: ['openid', 'email', 'profile'],
      },
    });
    // ...the stateful stack's exports, from these resources:
    expect(exportedValue('UserPoolProviderUrl')).toEqual(getAtt(poolId, 'ProviderURL'));
    expect(exportedValue('WebClientId')).toEqual({ Ref: webClientId });
    expect(exportedValue('HostedUiDomain')).toEqual({
      'Fn::Join': [
        '',
        ['https://', { Ref: domainId }, '.auth.', { Ref: 'AWS::Region' }, '.amazoncognito.com'],
      ],
    });
    expect(exportedValue('WebAppUrl')).toEqual(appOrigin);
  });

  it('deploys index.html with the exact connect-src first in <head>: the API, the documents bucket, Cognito', () => {
    const html = sourceWith('index.html').read('index.html');
    const meta = /<head>\s*<meta http-equiv="Content-Security-Policy" content="([^"]+)" \/>/.exec(html);
    expect(meta?.[1]).toBe(
      [
        "connect-src 'self'",
        `{${apiEndpoint}}`,
        `https://{${importOf('BucketName')}}.s3.{Ref:AWS::Region}.{Ref:AWS::URLSuffix}`,
        `https://{${importOf('UserPoolProviderUrl')}}/`,
        `{${importOf('HostedUiDomain')}}`,
      ].join(' '),
    );
    expect(exportedValue('BucketName')).toEqual({ Ref: logicalId(stack.data.bucket) });
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'));
  });

  it('deploys the rest of the build as it is, without a second index.html or the source maps', () => {
    const built = sourceWith('assets/index-placeholder.js');
    expect(built.files).not.toContain('index.html');
    // the fixture build has assets/index-placeholder.js.map: it stays local
    expect(built.files.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(built.read('assets/index-placeholder.js')).toContain('placeholder');
  });
});

describe('withCspMeta', () => {
  it('puts the policy right after <head>, attributes and all', () => {
    expect(
      withCspMeta('<html><head lang="en"><script src="/a.js"></script></head></html>', "default-src 'self'"),
    ).toBe(
      '<html><head lang="en">\n    <meta http-equiv="Content-Security-Policy" content="default-src \'self\'" /><script src="/a.js"></script></head></html>',
    );
  });

  it('refuses a page without <head> rather than deploy it without the policy', () => {
    expect(() => withCspMeta('<html><body></body></html>', "default-src 'self'")).toThrow(/no <head>/);
  });
});

describe('stack outputs', () => {
  it('gives the app URL, the hosted-UI domain and the web client id (from the stateful stack)', () => {
    const outputs = built.templateOf(stateful).toJSON().Outputs;
    expect(outputs.WebAppUrl.Value).toEqual(appOrigin);
    expect(outputs.WebClientId.Value).toEqual({ Ref: logicalId(stack.web.client) });
    expect(JSON.stringify(outputs.HostedUiDomain.Value)).toContain('amazoncognito.com');
  });
});
