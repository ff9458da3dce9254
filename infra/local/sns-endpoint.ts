import { randomUUID } from 'node:crypto';
import type { RequestListener } from 'node:http';

/**
 * A local SNS endpoint (AWS Query protocol, Publish only): the alert topic's messages are printed to
 * the console — the local stack's default alert channel next to the outbox. Handlers publish with
 * the real SNS client, AWS_ENDPOINT_URL_SNS pointing here.
 */
export function snsEndpoint(opts: { quiet?: boolean } = {}): RequestListener {
  return (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      if (form.get('Action') !== 'Publish') {
        res.writeHead(400, { 'content-type': 'text/xml' });
        res.end(
          `<ErrorResponse><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>only Publish is supported locally</Message></Error></ErrorResponse>`,
        );
        return;
      }
      const id = randomUUID();
      if (!opts.quiet) {
        console.log(`\n🔔 ${form.get('Subject') ?? 'alert'}\n   ${form.get('Message') ?? ''}\n`);
      }
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(
        `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>${id}</MessageId></PublishResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></PublishResponse>`,
      );
    });
  };
}
