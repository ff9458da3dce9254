import { Match } from 'aws-cdk-lib/assertions';
import { HttpAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2';
import { describe, expect, it } from 'vitest';
import type { Route } from '../../functions/lib/route.ts';
import type { FunctionName } from '../../functions/registry.ts';
import { roles, routes } from '../../functions/routes.ts';
import { areaOfFunction } from '../../infra/areas.ts';
import { getAtt, logicalId, refIn, synthesise } from './harness.ts';

const built = synthesise();
const { stateful, template, imported, exportedValue } = built;
const routeResources = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map(
  (r) => r.Properties,
);
const routeByKey = new Map(routeResources.map((r) => [r.RouteKey, r]));
const [jwtAuthorizerId] = Object.keys(template.findResources('AWS::ApiGatewayV2::Authorizer'));
const authorizer = built.api.api.httpApi.node.findAll().find((c) => c instanceof HttpAuthorizer);
/** The HttpRoute construct of a route table entry, in the stack of its function's area. */
const httpRouteOf = (route: Route<FunctionName>) => {
  const found = built.areas[areaOfFunction(route.fn)].routes.routes.get(route);
  if (!found)
    throw new Error(`${route.method} ${route.path} was not built in the ${areaOfFunction(route.fn)} area`);
  return found;
};

describe('HTTP API', () => {
  it('has one route per route table entry', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Route', routes.length);
    expect([...routeByKey.keys()].sort()).toEqual(routes.map((r) => `${r.method} ${r.path}`).sort());
  });

  it('leaves only /health and /openapi.json without authorization', () => {
    const open = routeResources.filter((r) => r.AuthorizationType === 'NONE').map((r) => r.RouteKey);
    expect(open.sort()).toEqual(['GET /health', 'GET /openapi.json']);
  });

  it.each(routes.filter((r) => r.auth !== 'public'))('$method $path requires a Cognito JWT', (route) => {
    // The authorizer is in the API stack; the route, in its area's stack, refers to that one authorizer.
    expect(authorizer && logicalId(authorizer)).toBe(jwtAuthorizerId);
    expect(routeByKey.get(`${route.method} ${route.path}`)).toMatchObject({
      AuthorizationType: 'JWT',
      AuthorizerId: authorizer && refIn(httpRouteOf(route), authorizer.authorizerId),
    });
  });

  it.each(routes)('$method $path is in the stack of the area of $fn, on the one HTTP API', (route) => {
    const httpRoute = httpRouteOf(route);
    expect(httpRoute.stack).toBe(built.areas[areaOfFunction(route.fn)]);
    expect(built.templateOf(httpRoute).toJSON().Resources[logicalId(httpRoute)].Properties.ApiId).toEqual(
      refIn(httpRoute, built.api.api.httpApi.apiId),
    );
  });

  it.each(routes)('$method $path is served by $fn', (route) => {
    const target = routeByKey.get(`${route.method} ${route.path}`)?.Target;
    const integrationId = target['Fn::Join'][1][1].Ref;
    const integration = template.toJSON().Resources[integrationId].Properties;
    expect(integration.IntegrationType).toBe('AWS_PROXY');
    expect(integration.IntegrationUri).toEqual(getAtt(logicalId(built.functions[route.fn])));
  });

  it('accepts tokens issued by the user pool for the CLI (SRP) client and the web app client', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Issuer: { 'Fn::Join': ['', ['https://', imported('UserPoolProviderUrl')]] },
        Audience: [imported('UserPoolClientId'), imported('WebClientId')],
      },
    });
    // ...which the stateful stack exports from the user pool and its two clients
    expect(exportedValue('UserPoolProviderUrl')).toEqual(
      getAtt(logicalId(stateful.auth.userPool), 'ProviderURL'),
    );
    expect(exportedValue('UserPoolClientId')).toEqual({ Ref: logicalId(stateful.auth.client) });
    expect(exportedValue('WebClientId')).toEqual({ Ref: logicalId(stateful.web.client) });
  });

  it('logs access to a log group and throttles by default', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: {
        DestinationArn: Match.anyValue(),
        Format: Match.stringLikeRegexp('\\$context.requestId'),
      },
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
    });
  });
});

describe('Cognito', () => {
  it('has one group per role', () => {
    const groups = Object.values(template.findResources('AWS::Cognito::UserPoolGroup')).map(
      (g) => g.Properties.GroupName,
    );
    expect(groups.sort()).toEqual([...roles].sort());
  });

  it('has an immutable custom:org, no self sign-up, a strong password policy and enforced threat protection', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      Schema: Match.arrayWith([
        Match.objectLike({ Name: 'org', AttributeDataType: 'String', Mutable: false }),
      ]),
      Policies: {
        PasswordPolicy: Match.objectLike({
          MinimumLength: 14,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        }),
      },
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      DeletionProtection: 'ACTIVE',
    });
  });

  it('puts custom:org in tokens without letting users change it', () => {
    const client = template.toJSON().Resources[logicalId(stateful.auth.client)].Properties;
    expect(client.ReadAttributes).toContain('custom:org');
    expect(client.WriteAttributes).not.toContain('custom:org');
    expect(client.GenerateSecret).toBe(false);
  });
});
