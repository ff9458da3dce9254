import { Duration, type RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  type HttpRoute,
  type HttpStage,
  LogGroupLogDestination,
  type ThrottleSettings,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { Route } from '../../functions/lib/route.ts';
import type { FunctionName } from '../../functions/registry.ts';
import { routes } from '../../functions/routes.ts';

export interface ApiProps {
  functions: Readonly<Record<FunctionName, IFunction>>;
  /** `iss` and `aud` the JWT authorizer accepts. */
  issuer: string;
  audience: string[];
  /** The browser origins allowed to call the API (the web app's), or none. */
  corsOrigins?: string[];
  throttle?: ThrottleSettings;
  removalPolicy: RemovalPolicy;
  logRetention?: RetentionDays;
}

/** HTTP API variables only (the REST API's standard fields are not all valid here). */
const accessLogFormat = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    ip: '$context.identity.sourceIp',
    requestTime: '$context.requestTime',
    routeKey: '$context.routeKey',
    status: '$context.status',
    protocol: '$context.protocol',
    responseLength: '$context.responseLength',
    latencyMs: '$context.responseLatency',
    integrationLatencyMs: '$context.integrationLatency',
    integrationError: '$context.integrationErrorMessage',
    authorizerError: '$context.authorizer.error',
    sub: '$context.authorizer.claims.sub',
  }),
);

/**
 * The HTTP API, one route per entry of functions/routes.ts. Routes not marked `public` need a
 * valid Cognito JWT (role checks happen in the handlers, from `cognito:groups`).
 */
export class Api extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  readonly routes: ReadonlyMap<Route, HttpRoute[]>;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);

    const authorizer = new HttpJwtAuthorizer('CognitoJwt', props.issuer, { jwtAudience: props.audience });
    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: 'Tenderflow HTTP API',
      createDefaultStage: false,
      ...(props.corsOrigins?.length
        ? {
            corsPreflight: {
              allowOrigins: props.corsOrigins,
              allowMethods: [...new Set(routes.map((r) => r.method))].map((m) => CorsHttpMethod[m]),
              allowHeaders: ['authorization', 'content-type', 'if-match', 'idempotency-key'],
              exposeHeaders: ['etag', 'location'],
              allowCredentials: false,
              maxAge: Duration.hours(1),
            },
          }
        : {}),
    });

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: props.removalPolicy,
    });
    this.stage = this.httpApi.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle ?? { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs), format: accessLogFormat },
    });

    const integrations = new Map<FunctionName, HttpLambdaIntegration>();
    const integrationFor = (fn: FunctionName) => {
      let integration = integrations.get(fn);
      if (!integration) {
        integration = new HttpLambdaIntegration(`${fn}Integration`, props.functions[fn]);
        integrations.set(fn, integration);
      }
      return integration;
    };

    const built = new Map<Route, HttpRoute[]>();
    for (const route of routes) {
      const isPublic = route.auth === 'public';
      const httpRoutes = this.httpApi.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: integrationFor(route.fn),
        ...(isPublic ? {} : { authorizer }),
      });
      if (isPublic) {
        for (const httpRoute of httpRoutes) {
          Validations.of(httpRoute).acknowledge({
            id: 'AwsSolutions-APIG4',
            reason: `${route.method} ${route.path} is public by design (DESIGN.md section 6): it must answer without a token and returns no tenant data.`,
          });
        }
      }
      built.set(route, httpRoutes);
    }
    this.routes = built;
  }

  get url(): string {
    return this.stage.url;
  }
}
