/**
 * The quotas this app grows towards, as documented (checked December 2026):
 * - CloudFormation, per stack: 500 resources, 200 outputs, 200 parameters
 *   (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html);
 * - API Gateway HTTP API: 300 routes per API (can be raised per API) and 300 integrations per API
 *   (cannot be raised) (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html);
 * - Step Functions: 10,000 registered state machines per account and region (can be raised to 25,000)
 *   (https://docs.aws.amazon.com/step-functions/latest/dg/limits-overview.html, "Quotas related to accounts").
 */
export const quotas = {
  resourcesPerStack: 500,
  outputsPerStack: 200,
  parametersPerStack: 200,
  routesPerApi: 300,
  integrationsPerApi: 300,
  stateMachinesPerAccount: 10_000,
} as const;
type Quota = keyof typeof quotas;

/** Fail past this share of a quota: there is still room to add an area (infra/areas.ts) and move functions. */
export const FAIL_AT = 0.8;
/** Past this share, say so: the design keeps every stack under it (60 % of 500 = 300 resources). */
export const WARN_AT = 0.6;

export interface Usage {
  /** what is counted: a stack, the API, the account */
  where: string;
  quota: Quota;
  used: number;
}

export function headroom(usages: readonly Usage[]) {
  const share = (u: Usage) => u.used / quotas[u.quota];
  const line = (u: Usage) =>
    `${u.where}: ${u.used} of ${quotas[u.quota]} ${u.quota} (${Math.round(share(u) * 100)} %)`;
  return {
    failures: usages.filter((u) => share(u) > FAIL_AT).map(line),
    warnings: usages.filter((u) => share(u) > WARN_AT && share(u) <= FAIL_AT).map(line),
    largest: [...usages].sort((a, b) => share(b) - share(a)).map(line),
  };
}
