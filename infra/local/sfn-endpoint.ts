import type { RequestListener } from 'node:http';
import type { ExecutionRecord, LocalWorkflowEngine } from './workflow-engine.ts';

type Json = Record<string, unknown>;

const epoch = (iso?: string) => (iso ? new Date(iso).getTime() / 1000 : undefined);

const describe = (e: ExecutionRecord) => ({
  executionArn: e.executionArn,
  stateMachineArn: e.stateMachineArn,
  name: e.name,
  status: e.status,
  startDate: epoch(e.startDate),
  stopDate: epoch(e.stopDate),
  input: e.input,
  output: e.output,
  error: e.error,
  cause: e.cause,
});

/**
 * A local Step Functions endpoint speaking the AWS JSON 1.0 protocol (X-Amz-Target:
 * AWSStepFunctions.<Operation>) for the operations the code uses, so handlers run unchanged with
 * AWS_ENDPOINT_URL_SFN pointing here. `GET /executions[/<arn>]` also shows the full records,
 * state-transition counts included.
 */
export function sfnEndpoint(engine: LocalWorkflowEngine): RequestListener {
  const operations: Record<string, (body: Json) => unknown> = {
    StartExecution: (b) => {
      const r = engine.start(
        String(b.stateMachineArn),
        String(b.name ?? crypto.randomUUID()),
        String(b.input ?? '{}'),
      );
      return { executionArn: r.executionArn, startDate: epoch(r.startDate) };
    },
    DescribeExecution: (b) => describe(engine.describe(String(b.executionArn))),
    DescribeStateMachine: (b) => ({
      ...engine.describeStateMachine(String(b.stateMachineArn)),
      roleArn: 'arn:aws:iam::000000000000:role/local',
      creationDate: 0,
    }),
    ListExecutions: (b) => ({
      executions: engine
        .list(b.stateMachineArn ? String(b.stateMachineArn) : undefined)
        .filter((e) => !b.statusFilter || e.status === b.statusFilter)
        .map(({ executionArn, stateMachineArn, name, status, startDate, stopDate }) => ({
          executionArn,
          stateMachineArn,
          name,
          status,
          startDate: epoch(startDate),
          stopDate: epoch(stopDate),
        })),
    }),
  };

  return (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const send = (status: number, body: unknown, type = 'application/x-amz-json-1.0') => {
        res.writeHead(status, { 'content-type': type });
        res.end(JSON.stringify(body));
      };
      if (req.method === 'GET' && req.url?.startsWith('/executions')) {
        const arn = decodeURIComponent(req.url.slice('/executions/'.length));
        try {
          return send(200, arn ? engine.describe(arn) : engine.list(), 'application/json');
        } catch (error) {
          return send(404, { message: (error as Error).message }, 'application/json');
        }
      }
      const target = String(req.headers['x-amz-target'] ?? '');
      const op = operations[target.replace('AWSStepFunctions.', '')];
      if (!op)
        return send(400, { __type: 'UnknownOperationException', message: `unsupported operation ${target}` });
      try {
        const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Json) : {};
        send(200, op(body));
      } catch (error) {
        const e = error instanceof Error ? error : new Error(String(error));
        send(400, { __type: e.name === 'Error' ? 'InvalidParameterValue' : e.name, message: e.message });
      }
    });
  };
}
