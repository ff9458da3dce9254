import { Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { z } from 'zod';

const join = z.object({ 'Fn::Join': z.tuple([z.string(), z.array(z.unknown())]) });
const getAtt = z.object({ 'Fn::GetAtt': z.tuple([z.unknown(), z.unknown()]) });
const importValue = z.object({ 'Fn::ImportValue': z.unknown() });
const ref = z.object({ Ref: z.unknown() });
const sub = z.object({ 'Fn::Sub': z.unknown() });

/**
 * A value (an ARN, a name) as cdk-nag spells it in a finding id, e.g. `AwsSolutions-IAM5[Resource::<here>/*]`:
 * `<Id.Attr>` for a GetAtt, `<Id>` for a Ref, the export name for an ImportValue (cdk-nag's
 * flattenCfnReference, which it does not export). Resolved in the stack of `scope`, where the finding is.
 */
export function nagName(scope: IConstruct, value: string): string {
  const visit = (node: unknown): string => {
    if (node === undefined) return '';
    if (typeof node === 'string') return node.replace(/\$\{/g, '<').replace(/}/g, '>');
    const j = join.safeParse(node);
    if (j.success) return j.data['Fn::Join'][1].map(visit).join(j.data['Fn::Join'][0]);
    const s = sub.safeParse(node);
    if (s.success) return visit(s.data['Fn::Sub']);
    const g = getAtt.safeParse(node);
    if (g.success) return `<${visit(g.data['Fn::GetAtt'][0])}.${visit(g.data['Fn::GetAtt'][1])}>`;
    const i = importValue.safeParse(node);
    if (i.success) return visit(i.data['Fn::ImportValue']);
    const r = ref.safeParse(node);
    if (r.success) return `<${visit(r.data.Ref)}>`;
    return JSON.stringify(node);
  };
  return visit(Stack.of(scope).resolve(value));
}
