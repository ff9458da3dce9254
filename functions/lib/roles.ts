/** The roles a token can carry (Cognito groups in AWS, the `cognito:groups` claim locally). */
export const roles = [
  'admin',
  'bid-manager',
  'contributor',
  'reviewer',
  'product-manager',
  'approver',
  'viewer',
] as const;
export type Role = (typeof roles)[number];
