import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The order test files start in (vitest.config.ts). vitest's own sequencer lists the projects one after
 * another (alphabetically: e2e, infra, integration, unit, web), so a shared pool of workers still ran
 * them nearly one project at a time, the browser tests last. This one keeps vitest's order within a
 * project (longest first, from the last run's times) and deals the files out across projects in turn,
 * the projects with the longest files first: the browser files, each with its own Chromium, then mostly
 * run one or two at a time beside integration, infra and unit files instead of all together at the end.
 */
const dealOrder = ['web', 'e2e', 'integration', 'infra', 'unit'];

export default class InterleavedSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const byProject = new Map<string, TestSpecification[]>();
    for (const spec of sorted) {
      const queue = byProject.get(spec.project.name) ?? [];
      queue.push(spec);
      byProject.set(spec.project.name, queue);
    }
    const rank = (name: string) => (dealOrder.includes(name) ? dealOrder.indexOf(name) : dealOrder.length);
    const queues = [...byProject.entries()].sort(([a], [b]) => rank(a) - rank(b)).map(([, q]) => q);
    const dealt: TestSpecification[] = [];
    while (queues.some((q) => q.length > 0)) {
      for (const queue of queues) {
        const next = queue.shift();
        if (next) dealt.push(next);
      }
    }
    return dealt;
  }
}
