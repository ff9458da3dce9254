import { describe, expect, it } from 'vitest';
import type { Alert } from '../../../functions/domain/reminders/types.ts';
import { toTeamsWorkflowPayload, toWebhookPayload } from '../../../functions/domain/reminders/webhook.ts';

const alert = (over: Partial<Alert> = {}): Alert => ({
  alertId: 'd-1#alert-abc',
  deadlineId: 'd-1',
  tenderId: 't-1',
  kind: 'reminder',
  title: '[critical] Contract signing due in 1 day',
  text: 'Contract signing (44-FZ Art. 51) due 2027-01-15 23:59 Europe/Moscow (20:59 UTC) — in 1 day',
  dueAt: '2027-01-15T20:59:00.000Z',
  timeZone: 'Europe/Moscow',
  risk: 'critical',
  recipients: { roles: ['bid-manager'], owners: ['u-anna'] },
  reminderIds: ['d-1#2027-01-15T20:59:00.000Z#P1D'],
  ...over,
});

describe('toWebhookPayload', () => {
  it('is one JSON body with the Slack text and the Teams MessageCard fields', () => {
    const body = JSON.parse(JSON.stringify(toWebhookPayload(alert())));

    expect(body).toMatchObject({
      text: '[critical] Contract signing (44-FZ Art. 51) due 2027-01-15 23:59 Europe/Moscow (20:59 UTC) — in 1 day',
      '@type': 'MessageCard',
      '@context': 'https://schema.org/extensions',
      summary: '[critical] Contract signing due in 1 day',
      title: '[critical] Contract signing due in 1 day',
      themeColor: 'DC2626',
    });
    expect(body.sections[0].facts).toContainEqual({
      name: 'Due',
      value: '2027-01-15 23:59 Europe/Moscow (20:59 UTC)',
    });
    expect(body).not.toHaveProperty('attachments');
    expect(body).not.toHaveProperty('blocks');
  });

  it('colours the card by risk', () => {
    const colours = (['info', 'normal', 'high', 'critical'] as const).map(
      (risk) => toWebhookPayload(alert({ risk })).themeColor,
    );

    expect(new Set(colours).size).toBe(4);
    expect(colours.every((c) => /^[0-9A-F]{6}$/.test(c))).toBe(true);
  });

  it("escapes the characters Slack reads as markup, so a title can't inject a mention", () => {
    const body = toWebhookPayload(alert({ text: 'Q&A <!channel> closes' }));

    expect(body.text).toBe('[critical] Q&amp;A &lt;!channel&gt; closes');
  });
});

describe('toTeamsWorkflowPayload', () => {
  it('wraps the alert in an Adaptive Card message for Teams Workflows webhooks', () => {
    const body = toTeamsWorkflowPayload(alert({ kind: 'missed', risk: 'high' }));

    expect(body.type).toBe('message');
    expect(body.attachments).toHaveLength(1);
    const [attachment] = body.attachments;
    expect(attachment?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(attachment?.content).toMatchObject({ type: 'AdaptiveCard', version: '1.4' });
    expect(attachment?.content.body[0]).toMatchObject({ type: 'TextBlock', color: 'Warning' });
  });
});

describe('hostile titles in webhook payloads', () => {
  it('every text of both payloads is on one line, without control characters', () => {
    const hostile = alert({
      title: '[critical] Bid\r\n<!channel>\u0000\u2028forged',
      text: 'line one\nline two\u0085three',
      tenderId: 't\r\n1',
    });
    const texts = [
      JSON.stringify(toWebhookPayload(hostile)),
      JSON.stringify(toTeamsWorkflowPayload(hostile)),
    ];
    for (const json of texts) {
      // JSON would escape a raw control character as \uXXXX or \r/\n: none may be there
      expect(json).not.toMatch(/\\[rnt]|\\u00[0-1]|\\u2028|\u2028|\u0085/);
    }
    expect(toWebhookPayload(hostile).title).toBe('[critical] Bid <!channel> forged');
    expect(toWebhookPayload(hostile).text).toContain(
      '&lt;!channel&gt;'.length ? 'line one line two three' : '',
    );
  });
});
