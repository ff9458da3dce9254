import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { type BusinessCase, type Figure, figureText, moneyIn, type Scenario } from '../../lib/custom-dev';

const ROWS: { key: Exclude<keyof Scenario, 'cashFlows'>; label: string }[] = [
  { key: 'npv', label: 'NPV (with reuse)' },
  { key: 'npvWithoutReuse', label: 'NPV without reuse' },
  { key: 'margin', label: 'Margin' },
  { key: 'paybackMonth', label: 'Payback' },
  { key: 'effortDays', label: 'Effort' },
  { key: 'buildCost', label: 'Build cost' },
  { key: 'maintenancePerYear', label: 'Maintenance per year' },
  { key: 'totalCost', label: 'Total cost' },
  { key: 'clientRevenue', label: 'Client revenue' },
  { key: 'reuseRevenue', label: 'Reuse revenue' },
  { key: 'totalRevenue', label: 'Total revenue' },
];

/** The business case as the API computed it: expected vs pessimistic, every figure's formula and inputs. */
export function BusinessCaseView({ bc }: { bc: BusinessCase }) {
  const c = bc.currency;
  return (
    <div className="business-case">
      <p className="sub">
        Money in {c}. Effort {figureText(bc.expectedEffortDays, c)} expected (±{' '}
        {figureText(bc.effortStdDevDays, c)}, spread {figureText(bc.relativeSpread, c)}); horizon{' '}
        {figureText(bc.horizonYears, c)}; monthly discount rate {figureText(bc.monthlyDiscountRate, c)}.
      </p>
      <div className="table-wrap">
        <table className="bc-table">
          <caption className="sr-only">Business case figures, expected and pessimistic effort</caption>
          <thead>
            <tr>
              <th scope="col">Figure</th>
              <th scope="col">Expected</th>
              <th scope="col">Pessimistic</th>
            </tr>
          </thead>
          <tbody>
            {ROWS.map((r) => (
              <tr key={r.key} data-figure={r.key}>
                <th scope="row">{r.label}</th>
                <td data-label="Expected">
                  <FigureCell figure={bc.expected[r.key]} currency={c} label={`${r.label}, expected`} />
                </td>
                <td data-label="Pessimistic">
                  <FigureCell figure={bc.pessimistic[r.key]} currency={c} label={`${r.label}, pessimistic`} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="grid-even">
        <CashFlowChart title="Cash flow, expected effort" scenario={bc.expected} currency={c} />
        <CashFlowChart title="Cash flow, pessimistic effort" scenario={bc.pessimistic} currency={c} />
      </div>
    </div>
  );
}

/** A figure, and how it was computed behind a disclosure (keyboard and touch alike). */
function FigureCell({ figure, currency, label }: { figure: Figure; currency: string; label: string }) {
  const negative = figure.value !== null && figure.value < 0 && figure.unit !== 'month';
  return (
    <>
      <strong className={negative ? 'neg' : undefined}>{figureText(figure, currency)}</strong>
      <details className="formula">
        <summary aria-label={`How: ${label}`}>how</summary>
        <p>{figure.formula}</p>
        {Object.keys(figure.inputs).length > 0 && (
          <ul>
            {Object.entries(figure.inputs).map(([k, v]) => (
              <li key={k}>
                {k}: {v === null ? '—' : typeof v === 'number' ? v.toLocaleString('en-GB') : v}
              </li>
            ))}
          </ul>
        )}
      </details>
    </>
  );
}

const compact = (currency: string) => (v: number) =>
  new Intl.NumberFormat('en-GB', { style: 'currency', currency, notation: 'compact' }).format(v);

/** Cumulative and discounted cumulative cash flow per month, the zero line, the payback month marked. */
function CashFlowChart({
  title,
  scenario,
  currency,
}: {
  title: string;
  scenario: Scenario;
  currency: string;
}) {
  const flows = scenario.cashFlows;
  const payback = scenario.paybackMonth.value;
  return (
    <figure className="cashflow">
      <figcaption>{title}</figcaption>
      {!flows ? (
        <p className="sub">
          This business case was computed before monthly cash flows were kept: save an input again to
          re-assess it and draw the chart.
        </p>
      ) : (
        <>
          <ResponsiveContainer width="100%" height={260}>
            <LineChart data={flows} margin={{ top: 8, right: 12, left: 4, bottom: 4 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="month" label={{ value: 'month', position: 'insideBottomRight', offset: -2 }} />
              <YAxis tickFormatter={compact(currency)} width={64} />
              <Tooltip
                formatter={(v) => (typeof v === 'number' ? moneyIn(v, currency) : String(v))}
                labelFormatter={(m) => `month ${String(m)}`}
              />
              <Legend />
              <ReferenceLine y={0} stroke="#111827" />
              {payback !== null && (
                <ReferenceLine
                  x={payback}
                  stroke="#166534"
                  strokeDasharray="4 2"
                  label={{ value: `payback: month ${payback}`, position: 'insideTopLeft', fill: '#166534' }}
                />
              )}
              <Line
                isAnimationActive={false}
                type="monotone"
                dataKey="cumulative"
                name="cumulative"
                stroke="#1d4ed8"
                dot={false}
              />
              <Line
                isAnimationActive={false}
                type="monotone"
                dataKey="discountedCumulative"
                name="discounted cumulative"
                stroke="#c2410c"
                dot={false}
              />
            </LineChart>
          </ResponsiveContainer>
          <p className="sub">
            {payback === null ? 'Not paid back within the horizon.' : `Paid back in month ${payback}.`} Ends
            at {moneyIn(flows.at(-1)?.cumulative ?? null, currency)} undiscounted,{' '}
            {moneyIn(flows.at(-1)?.discountedCumulative ?? null, currency)} discounted (the NPV).
          </p>
        </>
      )}
    </figure>
  );
}
