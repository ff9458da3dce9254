import { readExample } from './fixtures.ts';

/**
 * A release package of `count` contracting processes, generated from a real release (Paraguay's
 * DNCP tender, Spanish, two lots): each process gets its own ocid, release id and title.
 */
export function releasePackage(
  count: number,
  prefix: string,
  fixture = 'paraguay-274231-tender-release-1.1.json',
) {
  const release = readExample(fixture) as Record<string, unknown> & { tender: Record<string, unknown> };
  return {
    uri: `https://example.org/packages/${prefix}.json`,
    version: '1.1',
    publishedDate: '2026-11-30T10:00:00Z',
    publisher: { name: 'Dirección Nacional de Contrataciones Públicas' },
    releases: Array.from({ length: count }, (_, i) => ({
      ...release,
      ocid: `${prefix}-${String(i).padStart(5, '0')}`,
      id: `${prefix}-${i}-tender`,
      tender: { ...release.tender, id: `${prefix}-${i}`, title: `${String(release.tender.title)} (${i})` },
    })),
  };
}
