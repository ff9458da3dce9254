import ipaddr from 'ipaddr.js';

/**
 * Where an organisation's alerts may be posted (issue #8 §1). A webhook URL is checked when it is
 * set (PUT /settings/webhook) and again before every delivery (a URL stored before these rules, or
 * a host since taken off the organisation's list, is refused then):
 *
 * - https, on the default port, no user or password in it, at most 2,048 characters;
 * - a DNS name, never an IP literal (`127.0.0.1`, `[::1]`, `0x7f000001` — which URL parsing
 *   turns into 127.0.0.1 — are all refused);
 * - the host is a Slack or Microsoft Teams incoming-webhook host, or on the organisation's own
 *   list (`allowHosts` of the webhook setting, exact names or `*.suffix`).
 *
 * The host's addresses are checked at send time (`isPublicAddress`), and the connection goes to the
 * address checked: a name that resolves to a private address is refused whatever list it is on.
 */
export const DEFAULT_WEBHOOK_HOSTS: readonly string[] = [
  // Slack incoming webhooks
  'hooks.slack.com',
  // Teams: Microsoft 365 connectors (<tenant>.webhook.office.com/webhookb2/…)
  '*.webhook.office.com',
  // Teams: the Workflows app (Power Automate): prod-NN.<region>.logic.azure.com/workflows/… and
  // <environment>.environment.api.powerplatform.com/powerautomate/automations/direct/workflows/…
  '*.logic.azure.com',
  '*.environment.api.powerplatform.com',
];

export const MAX_WEBHOOK_URL_LENGTH = 2048;

/** A host name: letters, digits and hyphens in dot-separated labels, at least two labels. */
const HOST_NAME =
  /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

/**
 * A problem with an entry of an organisation's host list, or undefined: `chat.example.com` or
 * `*.example.com` (the wildcard stands for one or more labels and needs at least two after it).
 */
export function hostPatternProblem(pattern: string): string | undefined {
  const name = pattern.startsWith('*.') ? pattern.slice(2) : pattern;
  if (!HOST_NAME.test(name))
    return 'must be a lower-case host name such as chat.example.com or *.example.com';
  if (ipaddr.isValid(name) || /^[0-9.]+$/.test(name)) return 'must be a host name, not an IP address';
  if (pattern.startsWith('*.') && name.split('.').length < 2)
    return 'a wildcard needs at least two labels after it (*.example.com, not *.com)';
  if (name === 'localhost' || name.endsWith('.localhost')) return 'must not be a local name';
  return undefined;
}

export function hostMatches(host: string, pattern: string): boolean {
  return pattern.startsWith('*.')
    ? host.endsWith(pattern.slice(1)) && host.length > pattern.length - 1
    : host === pattern;
}

/** Why this URL may not receive alerts, or an empty list. */
export function webhookUrlProblems(url: string, allowHosts: readonly string[] = []): string[] {
  if (url.length > MAX_WEBHOOK_URL_LENGTH) return [`must be at most ${MAX_WEBHOOK_URL_LENGTH} characters`];
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return ['must be an absolute https URL'];
  }
  const problems: string[] = [];
  if (parsed.protocol !== 'https:') problems.push('must use https');
  if (parsed.username || parsed.password) problems.push('must not carry a user name or password');
  if (parsed.port !== '') problems.push('must use the default https port');
  const host = parsed.hostname;
  if (host.startsWith('[') || ipaddr.isValid(host)) problems.push('must name a host, not an IP address');
  else if (![...DEFAULT_WEBHOOK_HOSTS, ...allowHosts].some((p) => hostMatches(host, p)))
    problems.push(
      `host ${host} is not a Slack or Microsoft Teams webhook host (${DEFAULT_WEBHOOK_HOSTS.join(', ')}); an admin can add it to allowHosts`,
    );
  return problems;
}

/**
 * May a webhook connect to this address? Only globally routed unicast: not loopback, private
 * (10/8, 172.16/12, 192.168/16), link-local (169.254/16 — the instance metadata service — and
 * fe80::/10), CGNAT (100.64/10), unique-local (fc00::/7, e.g. fd00:ec2::254), multicast,
 * unspecified, broadcast, reserved or documentation ranges; an IPv4-mapped or -translated IPv6
 * address is judged as the IPv4 address inside it.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.process(address);
  return parsed.range() === 'unicast';
}
