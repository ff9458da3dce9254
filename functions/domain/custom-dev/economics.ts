import * as z from 'zod/mini';

/**
 * The organisation's custom-development economics (`PUT /settings/custom-dev-economics`): the internal
 * day rate and currency, the yearly maintenance share of the build cost, the yearly discount rate, the
 * default horizon, and the recommendation thresholds. Every field is optional: a missing one takes the
 * default below (also what applies when the setting was never set).
 */
export const defaultEconomics = {
  /** internal cost of one developer day */
  dayRate: 800,
  currency: 'EUR',
  /** maintenance per year, as a share of the build cost */
  maintenanceSharePerYear: 0.2,
  /** yearly discount rate for the NPV (converted to monthly: (1 + r)^(1/12) − 1) */
  discountRate: 0.1,
  horizonYears: 3,
  thresholds: {
    /** PERT standard deviation over expected effort above this: the estimate is uncertain */
    maxRelativeSpread: 0.25,
    /** strategic fit (1–5) below this: low fit */
    minStrategicFit: 3,
    /** NPV (with reuse) below this: reject */
    minNpv: 0,
  },
};
export type Economics = typeof defaultEconomics;

const share = () => z.number().check(z.minimum(0), z.maximum(1));

export const EconomicsSetting = z.strictObject({
  dayRate: z._default(z.number().check(z.gt(0), z.maximum(1e7)), defaultEconomics.dayRate),
  currency: z._default(z.string().check(z.regex(/^[A-Z]{3}$/)), defaultEconomics.currency),
  maintenanceSharePerYear: z._default(share(), defaultEconomics.maintenanceSharePerYear),
  discountRate: z._default(share(), defaultEconomics.discountRate),
  horizonYears: z._default(z.int().check(z.minimum(1), z.maximum(15)), defaultEconomics.horizonYears),
  thresholds: z._default(
    z.strictObject({
      maxRelativeSpread: z._default(
        z.number().check(z.gt(0), z.maximum(10)),
        defaultEconomics.thresholds.maxRelativeSpread,
      ),
      minStrategicFit: z._default(
        z.int().check(z.minimum(1), z.maximum(5)),
        defaultEconomics.thresholds.minStrategicFit,
      ),
      minNpv: z._default(
        z.number().check(z.minimum(-1e12), z.maximum(1e12)),
        defaultEconomics.thresholds.minNpv,
      ),
    }),
    defaultEconomics.thresholds,
  ),
});

/** A stored setting read back (anything unreadable: the defaults). */
export function economicsOf(stored: unknown): Economics {
  const parsed = EconomicsSetting.safeParse(stored ?? {});
  return parsed.success ? parsed.data : defaultEconomics;
}
