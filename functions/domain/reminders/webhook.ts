import { oneLine } from '../../lib/text.ts';
import { describeInstant } from './sweep.ts';
import type { Alert, Risk } from './types.ts';

/**
 * The webhook channel (issue §6). One JSON body that both accept:
 *
 * - Slack incoming webhooks read `text` (the message; `blocks`/`attachments` optional) and ignore
 *   the fields they do not know.
 * - Microsoft Teams incoming webhooks of the Office 365 / Microsoft 365 connector kind read the
 *   legacy MessageCard: `@type`, `@context`, `summary`, `themeColor`, `title`, `text`, `sections`.
 *
 * So the body is a MessageCard whose `text` is also the complete Slack message. It deliberately has
 * no `attachments` and no `blocks`: Slack would read Teams' `attachments` (Adaptive Cards) as its
 * own legacy attachments, and Teams has no use for Slack's `blocks`. Teams webhooks made with the
 * Workflows app (Power Automate, the connectors' successor) accept Adaptive Cards only: a channel
 * configured as such gets `toTeamsWorkflowPayload` instead.
 */
export interface WebhookPayload {
  text: string;
  '@type': 'MessageCard';
  '@context': 'https://schema.org/extensions';
  summary: string;
  themeColor: string;
  title: string;
  sections: { activityTitle: string; facts: { name: string; value: string }[] }[];
}

/** MessageCard `themeColor` (hex without '#') per risk. */
export const riskColor: Record<Risk, string> = {
  info: '6B7280',
  normal: '2563EB',
  high: 'F59E0B',
  critical: 'DC2626',
};

export function toWebhookPayload(given: Alert): WebhookPayload {
  const alert = plainAlert(given);
  const text = slackEscape(`[${alert.risk}] ${alert.text}`);
  return {
    text,
    '@type': 'MessageCard',
    '@context': 'https://schema.org/extensions',
    summary: alert.title,
    themeColor: riskColor[alert.risk],
    title: alert.title,
    sections: [{ activityTitle: kindLabel[alert.kind], facts: facts(alert) }],
  };
}

export interface TeamsWorkflowPayload {
  type: 'message';
  attachments: {
    contentType: 'application/vnd.microsoft.card.adaptive';
    contentUrl: null;
    content: AdaptiveCard;
  }[];
}

interface AdaptiveCard {
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json';
  type: 'AdaptiveCard';
  version: '1.4';
  body: (
    | { type: 'TextBlock'; text: string; wrap: true; weight?: 'Bolder'; size?: 'Medium'; color?: string }
    | { type: 'FactSet'; facts: { title: string; value: string }[] }
  )[];
}

const cardColor: Record<Risk, string> = {
  info: 'Default',
  normal: 'Accent',
  high: 'Warning',
  critical: 'Attention',
};

/** The same alert for a Teams webhook created with the Workflows app (Adaptive Card in a message). */
export function toTeamsWorkflowPayload(given: Alert): TeamsWorkflowPayload {
  const alert = plainAlert(given);
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            {
              type: 'TextBlock',
              text: alert.title,
              wrap: true,
              weight: 'Bolder',
              size: 'Medium',
              color: cardColor[alert.risk],
            },
            { type: 'TextBlock', text: alert.text, wrap: true },
            { type: 'FactSet', facts: facts(alert).map(({ name, value }) => ({ title: name, value })) },
          ],
        },
      },
    ],
  };
}

/** Every text of the alert on one line (`oneLine`): a title from a tender cannot add lines or controls. */
const plainAlert = (a: Alert): Alert => ({
  ...a,
  title: oneLine(a.title),
  text: oneLine(a.text),
  deadlineId: oneLine(a.deadlineId),
  tenderId: a.tenderId === null ? null : oneLine(a.tenderId),
  timeZone: oneLine(a.timeZone),
});

const kindLabel: Record<Alert['kind'], string> = {
  reminder: 'Deadline reminder',
  missed: 'Deadline missed',
  moved: 'Deadline moved',
  notice: 'Notice',
};

const facts = (alert: Alert): { name: string; value: string }[] => [
  { name: 'Due', value: describeInstant(alert.dueAt, alert.timeZone) },
  { name: 'Risk', value: alert.risk },
  { name: 'Tender', value: alert.tenderId ?? '(organisation-wide)' },
  { name: 'Deadline', value: alert.deadlineId },
];

/** Slack reads &, < and > as control characters in `text`; escaped, both render them literally. */
const slackEscape = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
