import ipaddr from 'ipaddr.js';
import { parse as parseDomain } from 'tldts';

/**
 * Where an organisation's alerts may be posted (issue #8 §1). A webhook URL is checked when it is
 * set (PUT /settings/webhook) and again before every delivery (a URL stored before these rules, or
 * a host since taken off the organisation's list, is refused then):
 *
 * - https, on the default port, no user or password in it, at most 2,048 characters;
 * - a DNS name, never an IP literal (`127.0.0.1`, `[::1]`, `0x7f000001` — which URL parsing
 *   turns into 127.0.0.1 — are all refused);
 * - the host is a Slack or Microsoft Teams incoming-webhook host, or on the organisation's own
 *   list (`allowHosts` of the webhook setting, exact names or `*.suffix`). A wildcard sits below a
 *   registrable domain of the Public Suffix List (tldts, with its private section): `*.co.uk`,
 *   `*.github.io`, `*.s3.amazonaws.com` (public suffixes) and `*.amazonaws.com`, `*.example.org` (a
 *   whole registrable domain, which the list may split between owners) are refused, and a wildcard
 *   never matches a host under a public suffix inside it (`x.execute-api.eu-west-1.amazonaws.com` is
 *   not matched by `*.eu-west-1.amazonaws.com`: it belongs to whoever made that API).
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

/** The Public Suffix List's view of a name, private (cloud and hosting providers') suffixes included. */
const psl = (name: string) => parseDomain(name, { allowPrivateDomains: true });

/**
 * A problem with an entry of an organisation's host list, or undefined: `chat.example.com` or
 * `*.hooks.example.com` (the wildcard stands for one or more labels, below a registrable domain).
 */
export function hostPatternProblem(pattern: string): string | undefined {
  const wildcard = pattern.startsWith('*.');
  const name = wildcard ? pattern.slice(2) : pattern;
  // `*.com` is read as a host name here so that the Public Suffix List below can say why it is refused
  if (!HOST_NAME.test(wildcard ? `x.${name}` : name))
    return 'must be a lower-case host name such as chat.example.com or *.hooks.example.com';
  if (ipaddr.isValid(name) || /^[0-9.]+$/.test(name)) return 'must be a host name, not an IP address';
  if (name === 'localhost' || name.endsWith('.localhost')) return 'must not be a local name';
  if (!wildcard) return undefined;
  const { domain, publicSuffix, isPrivate } = psl(name);
  if (!domain || domain.length > name.length)
    return isPrivate
      ? `${pattern} covers ${publicSuffix}, a public suffix of the Public Suffix List's private section: names under it belong to a provider's customers, anyone can have one; list your own host names`
      : `${pattern} covers ${publicSuffix ?? name}, a public suffix of the Public Suffix List: names under it belong to whoever registers them; list your own host names`;
  if (domain === name)
    return `${pattern} covers every host of the registrable domain ${domain} (Public Suffix List), and a provider's domain such as amazonaws.com gives many of them to its customers; list the hosts, or a wildcard below the domain such as *.hooks.${domain}`;
  return undefined;
}

/**
 * Does a host match a list entry? An exact name, or `*.suffix` for hosts one or more labels below it,
 * never crossing a public suffix (Public Suffix List, private section included) that lies below the
 * wildcard: a provider's customer's host is not the provider's.
 */
export function hostMatches(host: string, pattern: string): boolean {
  if (!pattern.startsWith('*.')) return host === pattern;
  if (!(host.endsWith(pattern.slice(1)) && host.length > pattern.length - 1)) return false;
  return psl(host).publicSuffix === psl(pattern.slice(2)).publicSuffix;
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
  // an entry stored before today's rules that they refuse (`*.amazonaws.com`) no longer admits anything
  else if (
    ![...DEFAULT_WEBHOOK_HOSTS, ...allowHosts.filter((p) => !hostPatternProblem(p))].some((p) =>
      hostMatches(host, p),
    )
  )
    problems.push(
      `host ${host} is not a Slack or Microsoft Teams webhook host (${DEFAULT_WEBHOOK_HOSTS.join(', ')}); an admin can add it to allowHosts`,
    );
  return problems;
}

/**
 * The range of an address as ipaddr.js classifies it, with one form it leaves as 'unicast' named: the
 * deprecated IPv4-compatible IPv6 form (`::a.b.c.d`, `::7f00:1`; RFC 4291 §2.5.5.1), which carries an
 * IPv4 address in its last 32 bits and is judged by it. An IPv4-mapped address (`::ffff:127.0.0.1`) is
 * the IPv4 address itself (ipaddr.process). Undefined: not an address.
 */
export function addressRange(address: string): { range: string; ipv4?: string } | undefined {
  if (!ipaddr.isValid(address)) return undefined;
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') return { range: parsed.range() };
  const v6 = parsed as ipaddr.IPv6;
  const range = v6.range();
  const parts = v6.parts;
  if (range === 'unicast' && parts.slice(0, 6).every((p) => p === 0)) {
    const ipv4 = ipaddr.fromByteArray(v6.toByteArray().slice(12)) as ipaddr.IPv4;
    return { range: ipv4.range(), ipv4: ipv4.toString() };
  }
  return { range };
}

/**
 * May a webhook connect to this address? Only what ipaddr.js classifies as 'unicast' (globally routed):
 * not loopback, private (10/8, 172.16/12, 192.168/16), link-local (169.254/16 — the instance metadata
 * service — and fe80::/10), CGNAT (100.64/10), unique-local (fc00::/7, e.g. fd00:ec2::254), multicast,
 * unspecified, broadcast, reserved or documentation ranges, and none of the IPv6 forms that lead to an
 * IPv4 address through a translator or a tunnel: NAT64 (64:ff9b::/96, 64:ff9b:1::/48), IPv4-translated
 * (::ffff:0:0:0/96), 6to4 (2002::/16) and Teredo (2001::/32), whatever they embed. An IPv4-mapped or
 * IPv4-compatible address is judged as the IPv4 address inside it.
 */
export function isPublicAddress(address: string): boolean {
  return addressRange(address)?.range === 'unicast';
}
