import { describe, expect, it } from 'vitest';
import {
  addressRange,
  hostPatternProblem,
  isPublicAddress,
  webhookUrlProblems,
} from '../../../functions/domain/reminders/webhook-target.ts';

describe('webhookUrlProblems', () => {
  it.each([
    'https://127.0.0.1/x',
    'https://169.254.169.254/latest/meta-data/',
    'https://[::1]/x',
    'https://0x7f000001/x',
    'https://2130706433/x',
    'https://10.0.0.1/x',
    'https://[fd00:ec2::254]/x',
    'https://[::ffff:a9fe:a9fe]/x',
  ])('refuses the IP literal %s', (url) => {
    expect(webhookUrlProblems(url)).toContain('must name a host, not an IP address');
  });

  it('refuses http, another port, credentials, other hosts, look-alikes and URLs over 2,048 characters', () => {
    expect(webhookUrlProblems('http://hooks.slack.com/services/x')).toContain('must use https');
    expect(webhookUrlProblems('https://hooks.slack.com:444/x')).toContain('must use the default https port');
    expect(webhookUrlProblems('https://a:b@hooks.slack.com/x')).toContain(
      'must not carry a user name or password',
    );
    expect(webhookUrlProblems('https://hooks.slack.com.evil.test/x')[0]).toMatch(
      /not a Slack or Microsoft Teams/,
    );
    expect(webhookUrlProblems('https://webhook.office.com.evil.test/x')[0]).toMatch(/not a Slack/);
    expect(webhookUrlProblems('https://evilwebhook.office.com/x')[0]).toMatch(/not a Slack/);
    expect(webhookUrlProblems(`https://hooks.slack.com/${'a'.repeat(2048)}`)).toEqual([
      'must be at most 2048 characters',
    ]);
  });

  it('accepts Slack and Teams hosts, and an organisation’s own hosts', () => {
    expect(webhookUrlProblems('https://hooks.slack.com/services/T/B/X')).toEqual([]);
    expect(webhookUrlProblems('https://acme.webhook.office.com/webhookb2/x')).toEqual([]);
    expect(webhookUrlProblems('https://prod-23.westeurope.logic.azure.com:443/workflows/x')).toEqual([]);
    expect(webhookUrlProblems('https://chat.example.org/x', ['chat.example.org'])).toEqual([]);
    expect(webhookUrlProblems('https://a.b.hooks.example.org/x', ['*.hooks.example.org'])).toEqual([]);
    expect(webhookUrlProblems('https://hooks.example.org/x', ['*.hooks.example.org'])).not.toEqual([]);
  });

  it('ignores a stored allowHosts entry that the rules now refuse (checked again before every delivery)', () => {
    expect(webhookUrlProblems('https://hooks.amazonaws.com/x', ['*.amazonaws.com'])[0]).toMatch(
      /not a Slack or Microsoft Teams/,
    );
    expect(webhookUrlProblems('https://evil.co.uk/x', ['*.co.uk'])[0]).toMatch(/not a Slack/);
  });

  it('never lets a wildcard reach a host under a public suffix inside it', () => {
    expect(
      webhookUrlProblems('https://abc.execute-api.eu-west-1.amazonaws.com/x', [
        '*.eu-west-1.amazonaws.com',
      ])[0],
    ).toMatch(/not a Slack or Microsoft Teams/);
    expect(
      webhookUrlProblems('https://sqs.eu-west-1.amazonaws.com/x', ['*.eu-west-1.amazonaws.com']),
    ).toEqual([]);
  });
});

describe('hostPatternProblem', () => {
  it.each([
    ['*.co.uk', /covers co\.uk, a public suffix of the Public Suffix List/],
    ['*.com', /covers com, a public suffix/],
    ['*.github.io', /covers github\.io, a public suffix of the Public Suffix List's private section/],
    ['*.s3.amazonaws.com', /covers s3\.amazonaws\.com, a public suffix .* private section/],
    ['*.execute-api.eu-west-1.amazonaws.com', /private section/],
    ['*.amazonaws.com', /covers every host of the registrable domain amazonaws\.com/],
    ['*.azurewebsites.net', /private section/],
  ])('refuses the wildcard %s, naming the entry and why', (pattern, why) => {
    const problem = hostPatternProblem(pattern);
    expect(problem).toMatch(why);
    expect(problem?.startsWith(pattern)).toBe(true);
  });

  it('takes a wildcard below a registrable domain, as the Slack and Teams defaults are', () => {
    expect(hostPatternProblem('*.hooks.example.org')).toBeUndefined();
    expect(hostPatternProblem('*.webhook.office.com')).toBeUndefined();
    expect(hostPatternProblem('*.logic.azure.com')).toBeUndefined();
  });

  it('takes host names and *.suffix, not addresses, local names or a bare top-level wildcard', () => {
    expect(hostPatternProblem('chat.example.org')).toBeUndefined();
    expect(hostPatternProblem('*.chat.example.org')).toBeUndefined();
    for (const bad of [
      '10.0.0.1',
      '*.com',
      'localhost',
      'a.localhost',
      '*',
      'Chat.Example.org',
      'x_y.example.org',
    ])
      expect(hostPatternProblem(bad), bad).toBeDefined();
  });
});

describe('isPublicAddress', () => {
  it.each([
    '127.0.0.1',
    '169.254.169.254',
    '10.0.0.1',
    '172.16.0.1',
    '192.168.1.1',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fe80::1',
    'fd00:ec2::254',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:169.254.169.254',
    '64:ff9b::a9fe:a9fe',
    'not an address',
    // IPv4-compatible (::/96): judged by the IPv4 inside
    '::7f00:1',
    '0:0:0:0:0:0:7f00:1',
    '::a9fe:a9fe',
    '::a00:1',
    '::127.0.0.1',
    '::ffff:7f00:1',
    // IPv4-translated (::ffff:0:0:0/96)
    '::ffff:0:7f00:1',
    '::ffff:0:808:808',
    // NAT64, well-known and local-use prefixes, even to a public IPv4
    '64:ff9b::7f00:1',
    '64:ff9b::808:808',
    '64:ff9b:1::7f00:1',
    // 6to4 and Teredo tunnels
    '2002:7f00:1::',
    '2002:808:808::1',
    '2001:0:4136:e378:8000:63bf:3fff:fdd2',
    // unique-local, link-local with a zone, site-local, multicast, documentation, discard, benchmarking
    'fc00::1',
    'fe80::1%eth0',
    'fec0::1',
    'ff0e::1',
    '2001:db8::1',
    '100::1',
    '2001:2::1',
  ])('refuses %s', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it('names the IPv4 address an IPv4-compatible IPv6 address is judged by', () => {
    expect(addressRange('::7f00:1')).toEqual({ range: 'loopback', ipv4: '127.0.0.1' });
    expect(addressRange('64:ff9b::7f00:1')).toEqual({ range: 'rfc6052' });
    expect(addressRange('2002:7f00:1::')).toEqual({ range: '6to4' });
  });

  it.each(['52.95.110.1', '2606:4700::1111', '::ffff:8.8.8.8', '::808:808', '2a05:d018::1'])(
    'admits the public address %s',
    (address) => {
      expect(isPublicAddress(address)).toBe(true);
    },
  );
});
