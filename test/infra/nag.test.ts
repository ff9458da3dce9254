import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { functionNames } from '../../functions/registry.ts';
import { buildApp } from '../../infra/app.ts';
import { timeouts } from '../support/timeouts.ts';
import { withPlaceholderWebApp } from './harness.ts';

interface Acknowledgement {
  path: string;
  id: string;
  reason: string;
}

/** Every `Validations.of(x).acknowledge(...)` in the tree, with the construct it was made on. */
function acknowledgementsIn(root: IConstruct): Acknowledgement[] {
  const found: Acknowledgement[] = [];
  const visit = (c: IConstruct) => {
    for (const entry of c.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
      for (const [id, reason] of Object.entries(z.record(z.string(), z.string()).parse(entry.data))) {
        found.push({ path: c.node.path, id: id.replace(/^annotation::/i, ''), reason });
      }
    }
    for (const child of c.node.children) visit(child);
  };
  visit(root);
  return found;
}

const findingsOf = (root: IConstruct) =>
  new AwsSolutionsChecks().validateScope(root).violations.flatMap((v) =>
    v.violatingResources.map((r) => ({
      rule: v.ruleName,
      severity: v.severity,
      path: r.constructPath ?? '',
    })),
  );

describe('cdk-nag AwsSolutions', () => {
  // Bundled, exactly as `cdk synth` builds it.
  let built: ReturnType<typeof buildApp>;
  beforeAll(() => {
    built = buildApp(withPlaceholderWebApp({}));
  }, timeouts.infra.bundle);

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('synthesises every stack with the pack registered as a validation plugin, one ESM bundle per function', () => {
    const assembly = built.app.synth();
    const bundles = readdirSync(assembly.directory).filter((name) =>
      existsSync(join(assembly.directory, name, 'index.mjs')),
    );
    expect(bundles).toHaveLength(functionNames.length);
  });

  it('reports no unacknowledged error or warning', () => {
    expect(findingsOf(built.app)).toEqual([]);
  });

  it('acknowledges each finding with a specific reason, on the resource concerned, never app- or stack-wide', () => {
    const acks = acknowledgementsIn(built.app);
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) {
      expect(ack.reason.length, `${ack.path} ${ack.id}`).toBeGreaterThanOrEqual(20);
      expect(ack.id).toMatch(/^AwsSolutions-/);
      expect([built.app.node.path, ...built.stacks.map((s) => s.node.path)]).not.toContain(ack.path);
    }
  });

  it('has no stale acknowledgement: each one covers a finding the pack really raises', () => {
    const acks = acknowledgementsIn(built.app);
    vi.spyOn(Validations.prototype, 'acknowledge').mockImplementation(() => undefined);
    const bare = buildApp(withPlaceholderWebApp({ bundle: false })).app;
    const raised = findingsOf(bare);

    const stale = acks.filter(
      (ack) =>
        !raised.some((f) => f.rule === ack.id && (f.path === ack.path || f.path.startsWith(`${ack.path}/`))),
    );
    expect(stale).toEqual([]);
  });
});
