/**
 * The organisation settings an admin edits (PUT /settings/{name}), each with what it is for and a
 * starting point shown while it has never been set (the API's defaults then apply).
 */
export const SETTINGS = {
  'bid-policy': {
    title: 'Bid policy',
    help: 'Thresholds and weights of the bid/no-bid score; fields left out take the defaults.',
    example: { bidAt: 65, reviewAt: 45, maxBidSecurityPct: 5 },
  },
  'reminder-plan': {
    title: 'Reminder plan',
    help: 'When reminders go out before each risk level of deadline (ISO-8601 durations) and to whom.',
    example: {
      critical: {
        offsets: ['P7D', 'P3D', 'P1D', 'PT4H'],
        repeatWhileMissed: 'P1D',
        recipients: { roles: ['bid-manager'], owners: true },
      },
    },
  },
  webhook: {
    title: 'Webhook',
    help: 'Where alerts are posted (Slack, Teams, or an allowed host).',
    example: { url: 'https://hooks.slack.com/services/T000/B000/XXXX' },
  },
  'custom-dev-economics': {
    title: 'Custom-development economics',
    help: 'Internal day rate, maintenance share and discount rate per year, horizon, and the thresholds of the recommendation (relative effort spread, strategic fit 1–5, minimum NPV). Fields left out take the defaults shown.',
    example: {
      dayRate: 800,
      currency: 'EUR',
      maintenanceSharePerYear: 0.2,
      discountRate: 0.1,
      horizonYears: 3,
      thresholds: { maxRelativeSpread: 0.25, minStrategicFit: 3, minNpv: 0 },
    },
  },
  'pilot-policy': {
    title: 'Pilot policy',
    help: 'Longest pilot in days, the zone its dates are kept in, days to decide after the end, and the evaluation score that recommends converting.',
    example: { maxLengthDays: 90, timeZone: 'UTC', decisionDays: 14, convertScore: 70 },
  },
  'working-calendar': {
    title: 'Working calendar',
    help: 'Official production calendars (country, year, days off, worked weekend days, source) that win over the built-in holidays when deadlines count working days. A calendar that looks wrong (a weekend in daysOff, a public holiday missing, an unusual number of working days) is refused with its reasons; you may keep it anyway. Open deadlines counted through a changed year are recomputed.',
    example: { calendars: [] },
  },
} as const satisfies Record<string, { title: string; help: string; example: unknown }>;

export type SettingName = keyof typeof SETTINGS;
export const SETTING_NAMES = Object.keys(SETTINGS) as SettingName[];

/** The version in an ETag (`"3"` → 3); 0 when absent. */
export const versionOf = (etag: string | null) => Number((etag ?? '"0"').replaceAll('"', '')) || 0;
