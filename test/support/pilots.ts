import type { PilotInput } from '../../functions/domain/pilots/types.ts';

/**
 * A real-shaped pilot: a regional public-transport authority piloting automated timetable publication
 * before a contract (the shape of a pilot annex to an innovation procurement). Tests change one field.
 */
export const pilotInput = (over: Partial<PilotInput> = {}): PilotInput => ({
  client: 'Westshire Transport Authority',
  title: 'Automated GTFS timetable publication',
  objective:
    'Publish every timetable change to the open-data feed within one working day, without manual re-keying.',
  scopeIn: ['Bus timetables of the northern depot', 'GTFS export to the open-data portal'],
  scopeOut: ['Rail timetables', 'Real-time vehicle positions'],
  criteria: [
    {
      id: 'latency',
      metric: 'Publication delay',
      unit: 'hours',
      baseline: 72,
      target: 24,
      comparator: 'lte',
      measurementMethod: 'median delay between approval and publication, portal logs',
      weight: 40,
      mustPass: true,
    },
    {
      id: 'accuracy',
      metric: 'Feed validation pass rate',
      unit: '%',
      baseline: 91,
      target: 99,
      comparator: 'gte',
      measurementMethod: 'MobilityData GTFS validator, errors per feed',
      weight: 40,
      mustPass: true,
    },
    {
      id: 'effort',
      metric: 'Staff hours per change',
      unit: 'hours',
      baseline: 6,
      target: 0.5,
      targetMax: 2,
      comparator: 'between',
      weight: 20,
      mustPass: false,
    },
  ],
  startDate: '2027-02-01',
  endDate: '2027-04-30',
  cost: { amount: 18000, currency: 'EUR', paidBy: 'shared' },
  conversion: { contractValue: 240000, currency: 'EUR', decisionBy: '2027-05-31' },
  owner: 'pm-olga',
  ...over,
});
