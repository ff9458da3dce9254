import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  AllowedMethods,
  Function as CloudFrontFunction,
  Distribution,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  type IDistribution,
  ResponseHeadersPolicy,
  type ResponseSecurityHeadersBehavior,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import {
  ClientAttributes,
  OAuthScope,
  type UserPool,
  UserPoolClient,
  UserPoolClientIdentityProvider,
  type UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  HttpMethods,
  type IBucket,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { acknowledgeDeploymentHandler } from './web-deployment-acks.ts';
import {
  callbackPath,
  exactConnectPolicy,
  headerPolicy,
  logoutPath,
  spaRewriteCode,
  webConfig,
  withCspMeta,
} from './web-policy.ts';

export interface WebProps {
  userPool: UserPool;
  /** The hosted-UI prefix: https://<prefix>.auth.<region>.amazoncognito.com (unique in the region). */
  authDomainPrefix: string;
  /** Where the site and CloudFront log buckets deliver their own S3 server access logs. */
  accessLogBucket: IBucket;
  removalPolicy: RemovalPolicy;
}

export interface WebPublishProps {
  /** The built app (web/dist): index.html, assets/ and static files. */
  appDir: string;
  /** Where the app is served from, and the distribution to invalidate. */
  siteBucket: IBucket;
  distribution: IDistribution;
  /** The app's origin, https://<id>.cloudfront.net. */
  appUrl: string;
  /** The API's origin (no trailing slash). */
  apiBaseUrl: string;
  /** The user pool's issuer (the OIDC authority). */
  issuer: string;
  /** The web app's user pool client. */
  clientId: string;
  /** The hosted UI, https://<prefix>.auth.<region>.amazoncognito.com. */
  hostedUiDomain: string;
  /** The documents bucket the app PUTs presigned uploads to (named in the exact connect-src). */
  documentsBucketName: string;
  removalPolicy: RemovalPolicy;
  /** @default one month */
  logRetention?: RetentionDays;
}

const twoYears = Duration.days(730);

/** The security headers of every response (CSP, HSTS, no framing, no sniffing, referrer policy). */
const securityHeaders = (): ResponseSecurityHeadersBehavior => ({
  contentSecurityPolicy: { contentSecurityPolicy: headerPolicy(), override: true },
  strictTransportSecurity: { accessControlMaxAge: twoYears, includeSubdomains: true, override: true },
  contentTypeOptions: { override: true },
  frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
  referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
});

/** The browser features the app never uses, switched off for it and anything it might embed. */
const permissionsPolicy = {
  header: 'Permissions-Policy',
  value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=()',
  override: true,
};

/**
 * The web application's address in AWS: a private S3 bucket served only through CloudFront (Origin
 * Access Control) with security headers, client-side routes answered by index.html, and a Cognito
 * hosted-UI sign-in (authorization code + PKCE, public client). It lives in the stateful stack: the
 * distribution's name is the app's URL (in bookmarks, the sign-in callback, the API's and the documents
 * bucket's CORS) and CloudFront never gives the same name twice. {@link WebPublish} deploys the built
 * app with its `/config.json` from the web stack, once the API exists.
 */
export class Web extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  /** Where CloudFront writes its standard (request) logs. */
  readonly cdnLogBucket: Bucket;
  readonly client: UserPoolClient;
  readonly domain: UserPoolDomain;
  /** The app's origin, https://<id>.cloudfront.net. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: WebProps) {
    super(scope, id);

    this.bucket = new Bucket(this, 'Site', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      serverAccessLogsBucket: props.accessLogBucket,
      serverAccessLogsPrefix: 'web-site/',
      // Build output only: every deploy writes it again (a throw-away stack empties and deletes it).
      removalPolicy: props.removalPolicy,
    });

    // CloudFront standard logs are delivered with an ACL, so this bucket keeps ACLs enabled.
    this.cdnLogBucket = new Bucket(this, 'CdnLogs', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      serverAccessLogsBucket: props.accessLogBucket,
      serverAccessLogsPrefix: 'web-cdn-logs/',
      lifecycleRules: [{ id: 'expire-cdn-logs', expiration: Duration.days(365) }],
      // Like the other access logs (infra/constructs/data.ts): kept when the stack goes.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const shellHeaders = new ResponseHeadersPolicy(this, 'ShellHeaders', {
      comment: 'Tenderflow web: security headers; index.html and config.json revalidated on every load',
      securityHeadersBehavior: securityHeaders(),
      customHeadersBehavior: {
        customHeaders: [{ header: 'Cache-Control', value: 'no-cache', override: true }, permissionsPolicy],
      },
    });
    const assetHeaders = new ResponseHeadersPolicy(this, 'AssetHeaders', {
      comment: 'Tenderflow web: security headers; content-hashed assets cached for a year',
      securityHeadersBehavior: securityHeaders(),
      customHeadersBehavior: {
        customHeaders: [
          { header: 'Cache-Control', value: 'public, max-age=31536000, immutable', override: true },
          permissionsPolicy,
        ],
      },
    });
    const spaRewrite = new CloudFrontFunction(this, 'SpaRewrite', {
      comment: 'Client-side routes (/app/*, the sign-in callback) are served by index.html',
      code: FunctionCode.fromInline(spaRewriteCode),
      runtime: FunctionRuntime.JS_2_0,
    });

    const origin = S3BucketOrigin.withOriginAccessControl(this.bucket);
    this.distribution = new Distribution(this, 'Cdn', {
      comment: 'Tenderflow web application',
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      enableLogging: true,
      logBucket: this.cdnLogBucket,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin,
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        responseHeadersPolicy: shellHeaders,
        functionAssociations: [{ function: spaRewrite, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        '/assets/*': {
          origin,
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
          responseHeadersPolicy: assetHeaders,
        },
      },
    });
    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR4',
        reason:
          "The distribution uses CloudFront's default *.cloudfront.net certificate, whose security policy CloudFront fixes (TLSv1); a minimum of TLS 1.2 needs a custom domain with an ACM certificate in us-east-1, which this environment-agnostic stack does not own.",
      },
      {
        id: 'AwsSolutions-CFR1',
        reason:
          'No geo restriction: bid teams and reviewers sign in from wherever they work; access is controlled by Cognito sign-in and the API, and the site serves only the public app bundle.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'No WAF web ACL: a CloudFront web ACL must be created in us-east-1 and this stack is region-agnostic; the site is static files from a private bucket, and the API behind the app is throttled and requires Cognito tokens.',
      },
    );

    this.url = `https://${this.distribution.distributionDomainName}`;

    this.domain = props.userPool.addDomain('HostedUi', {
      cognitoDomain: { domainPrefix: props.authDomainPrefix },
    });
    this.client = new UserPoolClient(this, 'Client', {
      userPool: props.userPool,
      // A browser cannot keep a secret: a public client, authorization code with PKCE only.
      generateSecret: false,
      // No password flows from the browser: sign-in happens on the hosted UI; refresh tokens only.
      authFlows: { user: false },
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [`${this.url}${callbackPath}`],
        logoutUrls: [`${this.url}${logoutPath}`],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      // A working day; a browser keeps the refresh token, so it lives shorter than the CLI client's.
      refreshTokenValidity: Duration.hours(12),
      // The ID token carries what the client can read: `custom:org` is how the API scopes every call.
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes('org'),
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
    });
  }

  /** Let the app PUT presigned uploads to (and GET from) the documents bucket, from its origin only. */
  allowUploadsFrom(documentsBucket: Bucket): void {
    documentsBucket.addCorsRule({
      allowedOrigins: [this.url],
      allowedMethods: [HttpMethods.PUT, HttpMethods.GET],
      // What the presigned uploads sign (functions/store/uploads.ts, evidence.ts).
      allowedHeaders: ['content-type', 'if-none-match'],
      exposedHeaders: ['ETag'],
      maxAge: 3600,
    });
  }
}

/**
 * Deploys the built app into the site bucket with its `/config.json` (the API URL, the user pool, the
 * client id, the hosted UI) and an `index.html` carrying the exact connect-src, then invalidates the
 * distribution. In the web stack: it needs the API, which needs the site's origin for its CORS.
 */
export class WebPublish extends Construct {
  readonly deployment: BucketDeployment;

  constructor(scope: Construct, id: string, props: WebPublishProps) {
    super(scope, id);
    if (!existsSync(join(props.appDir, 'index.html'))) {
      throw new Error(
        `${props.appDir}/index.html not found: build the web app first (cdk synth from infra/app.ts builds it)`,
      );
    }
    const config = webConfig({
      apiBaseUrl: props.apiBaseUrl,
      authority: props.issuer,
      clientId: props.clientId,
      domain: props.hostedUiDomain,
      appUrl: props.appUrl,
    });
    const indexHtml = withCspMeta(
      readFileSync(join(props.appDir, 'index.html'), 'utf8'),
      exactConnectPolicy({
        apiBaseUrl: props.apiBaseUrl,
        documentsBucketName: props.documentsBucketName,
        authority: props.issuer,
        domain: props.hostedUiDomain,
      }),
    );
    const deployLogs = new LogGroup(this, 'DeployLogs', {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: props.removalPolicy,
    });

    this.deployment = new BucketDeployment(this, 'Deploy', {
      destinationBucket: props.siteBucket,
      sources: [
        // source maps help locally (npm start); the public site does not publish its sources
        Source.asset(props.appDir, { exclude: ['index.html', '*.map'] }),
        Source.data('index.html', indexHtml),
        Source.jsonData('config.json', config),
      ],
      // Old content-hashed assets stay: a tab opened before a deploy still loads its chunks.
      prune: false,
      retainOnDelete: props.removalPolicy === RemovalPolicy.RETAIN,
      distribution: props.distribution,
      distributionPaths: ['/*'],
      memoryLimit: 512,
      logGroup: deployLogs,
    });
    acknowledgeDeploymentHandler(this.deployment, props.siteBucket);
  }
}
