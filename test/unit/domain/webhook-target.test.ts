import { describe, expect, it } from 'vitest';
import {
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
    expect(webhookUrlProblems('https://a.b.example.org/x', ['*.example.org'])).toEqual([]);
    expect(webhookUrlProblems('https://example.org/x', ['*.example.org'])).not.toEqual([]);
  });
});

describe('hostPatternProblem', () => {
  it('takes host names and *.suffix, not addresses, local names or a bare top-level wildcard', () => {
    expect(hostPatternProblem('chat.example.org')).toBeUndefined();
    expect(hostPatternProblem('*.example.org')).toBeUndefined();
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
  ])('refuses %s', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(['52.95.110.1', '2606:4700::1111', '::ffff:8.8.8.8'])('admits the public address %s', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });
});
