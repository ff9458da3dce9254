import { Duration, type RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpRoute,
  HttpRouteKey,
  type HttpStage,
  type IHttpRouteAuthorizer,
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
 * The one HTTP API: its stage, access logs, CORS and the Cognito JWT authorizer. Its routes are added
 * by the area stacks ({@link ApiRoutes}), next to the functions that serve them.
 */
export class Api extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  readonly authorizer: IHttpRouteAuthorizer;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);

    this.authorizer = new HttpJwtAuthorizer('CognitoJwt', props.issuer, { jwtAudience: props.audience });
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
  }

  get url(): string {
    return this.stage.url;
  }
}

export interface ApiRoutesProps {
  api: Api;
  /** the routes of one area (functions/routes.ts) */
  routes: readonly Route<FunctionName>[];
  /** the functions serving them, all in the stack of this construct */
  functions: Readonly<Partial<Record<FunctionName, IFunction>>>;
}

/**
 * Routes of the HTTP API served by one area's functions, in that area's stack: the route, its Lambda
 * integration (one per function) and the permission for API Gateway to invoke it all live next to the
 * function, so adding a route to an area touches no other stack. Routes not marked `public` need a
 * valid Cognito JWT (role checks happen in the handlers, from `cognito:groups`).
 */
export class ApiRoutes extends Construct {
  readonly routes: ReadonlyMap<Route<FunctionName>, HttpRoute>;

  constructor(scope: Construct, id: string, props: ApiRoutesProps) {
    super(scope, id);
    const integrations = new Map<FunctionName, HttpLambdaIntegration>();
    const integrationFor = (name: FunctionName) => {
      let integration = integrations.get(name);
      if (!integration) {
        const fn = props.functions[name];
        if (!fn) throw new Error(`route for ${name}: the function is not in ${scope.node.path}`);
        integration = new HttpLambdaIntegration(`${name}Integration`, fn);
        integrations.set(name, integration);
      }
      return integration;
    };

    const built = new Map<Route<FunctionName>, HttpRoute>();
    for (const route of props.routes) {
      const isPublic = route.auth === 'public';
      const httpRoute = new HttpRoute(this, `${route.method}${route.path}`, {
        httpApi: props.api.httpApi,
        routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
        integration: integrationFor(route.fn),
        ...(isPublic ? {} : { authorizer: props.api.authorizer }),
      });
      if (isPublic) {
        Validations.of(httpRoute).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: `${route.method} ${route.path} is public by design (DESIGN.md section 6): it must answer without a token and returns no tenant data.`,
        });
      }
      built.set(route, httpRoute);
    }
    this.routes = built;
  }
}
