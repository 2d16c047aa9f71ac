// Pricing table: a billing period choice (radio group: monthly / yearly), one article per plan
// labelled by its name with its price, features and a "Choose <plan>" button; the recommended
// plan is marked in words and with the accent ring.
import type { TComponentPlan } from '../../types';
import { buildComponentFiles, FN, type TKitItems } from '../component-kit';
import type { TPartBuild, TPartContext } from '../part';
import { literal } from '../part-kit';

const PLANS = [
  { id: 'free', name: 'Free', monthlyPrice: 0, yearlyPrice: 0, description: 'For trying things out.', features: ['1 project', 'Community support'], isRecommended: false },
  { id: 'pro', name: 'Pro', monthlyPrice: 24, yearlyPrice: 240, description: 'For growing teams.', features: ['Unlimited projects', 'Version history', 'Email support'], isRecommended: true },
  { id: 'enterprise', name: 'Enterprise', monthlyPrice: 99, yearlyPrice: 990, description: 'For organisations.', features: ['Single sign-on', 'Audit log', 'Dedicated support'], isRecommended: false },
];

export function buildPricingTable(plan: TComponentPlan, variation: number, context: TPartContext): TPartBuild {
  const style = context.design;
  const itemType = `${plan.name}Plan`;
  const pro = PLANS[1] as (typeof PLANS)[number];
  const kitItems: TKitItems = {
    prop: 'plans',
    typeName: itemType,
    typeSource: `export type ${itemType} = {\n  id: string;\n  name: string;\n  monthlyPrice: number;\n  yearlyPrice: number;\n  description: string;\n  features: string[];\n  isRecommended: boolean;\n};`,
    sample: `[\n${PLANS.map((entry) => `  { id: ${literal(entry.id)}, name: ${literal(entry.name)}, monthlyPrice: ${entry.monthlyPrice}, yearlyPrice: ${entry.yearlyPrice}, description: ${literal(entry.description)}, features: [${entry.features.map(literal).join(', ')}], isRecommended: ${entry.isRecommended} },`).join('\n')}\n]`,
    firstText: 'Free',
    noun: 'plans',
  };
  const disabled = plan.states.includes('disabled') ? ' disabled={disabled}' : '';
  const card = variation === 1 ? 'rounded-xl bg-surface-raised shadow-md' : variation === 2 ? 'rounded-md bg-surface-sunken' : 'rounded-lg border border-border bg-surface';
  const render = `<div className="flex flex-col ${style.density.gap}">
  <fieldset className="flex gap-4 self-center">
    <legend className="sr-only">Billing period</legend>
    {(['monthly', 'yearly'] as const).map((period) => (
      <label key={period} className="flex items-center gap-2 text-sm text-fg">
        <input
          type="radio"
          name={billingName}
          value={period}
          checked={billing === period}
          onChange={() => setBilling(period)}
          className="accent-accent"
        />
        {period === 'monthly' ? 'Monthly' : 'Yearly'}
      </label>
    ))}
  </fieldset>
  <div className="grid ${style.density.gap} md:grid-cols-3">
    {plans.map((entry) => (
      <article
        key={entry.id}
        aria-labelledby={\`\${billingName}-\${entry.id}\`}
        className={\`flex flex-col gap-4 ${style.density.body} ${card} \${entry.isRecommended ? 'ring-2 ring-accent' : ''}\`}
      >
        <div className="flex items-center justify-between gap-2">
          <h3 id={\`\${billingName}-\${entry.id}\`} className="text-lg font-semibold text-fg">
            {entry.name}
          </h3>
          {entry.isRecommended ? (
            <span className="rounded-full bg-accent-surface px-2 py-0.5 text-xs font-medium text-accent-text">Recommended</span>
          ) : null}
        </div>
        <p className="${style.muted}">{entry.description}</p>
        <p className="text-fg">
          <span className="text-3xl font-bold">
            {currency}
            {billing === 'monthly' ? entry.monthlyPrice : entry.yearlyPrice}
          </span>
          <span className="text-sm text-fg-muted"> / {billing === 'monthly' ? 'month' : 'year'}</span>
        </p>
        <ul className="flex flex-col gap-2 text-sm text-fg">
          {entry.features.map((feature) => (
            <li key={feature} className="flex gap-2">
              <span aria-hidden="true" className="text-success-text">
                ✓
              </span>
              {feature}
            </li>
          ))}
        </ul>
        <button
          type="button"
          onClick={() => onSelectPlan?.(entry.id, billing)}${disabled}
          className="mt-auto ${style.primaryButton} ${style.control}"
        >
          Choose {entry.name}
        </button>
      </article>
    ))}
  </div>
</div>`;
  return buildComponentFiles({
    plan,
    context,
    items: kitItems,
    props: [
      { name: 'currency', type: 'string', description: 'The currency sign before prices.', defaultValue: "'$'" },
      { name: 'defaultBilling', type: "'monthly' | 'yearly'", description: 'The billing period shown first.', defaultValue: "'monthly'" },
      { name: 'onSelectPlan', type: "(planId: string, billing: 'monthly' | 'yearly') => void", description: 'Called with the chosen plan and period.', sample: FN },
    ],
    body: ['const [billing, setBilling] = useState(defaultBilling);', 'const billingName = useId();'],
    render,
    disabledOn: 'controls',
    tests: [
      {
        name: 'shows every plan as an article named by the plan, the recommended one marked',
        body: [
          'await setup();',
          `expect(screen.getAllByRole('article')).toHaveLength(${PLANS.length});`,
          `const pro = screen.getByRole('article', { name: ${literal(pro.name)} });`,
          "expect(within(pro).getByText('Recommended')).toBeTruthy();",
          `expect(pro.textContent).toContain('$${pro.monthlyPrice}');`,
        ],
      },
      {
        name: 'switches to yearly prices with the billing radio buttons',
        body: [
          'const { user } = await setup();',
          "expect((screen.getByRole('radio', { name: 'Monthly' }) as HTMLInputElement).checked).toBe(true);",
          "await user.click(screen.getByRole('radio', { name: 'Yearly' }));",
          `const pro = screen.getByRole('article', { name: ${literal(pro.name)} });`,
          `expect(pro.textContent).toContain('$${pro.yearlyPrice}');`,
          "expect(pro.textContent).toContain('/ year');",
        ],
      },
      {
        name: 'reports the chosen plan and period, from the keyboard too',
        body: [
          'const { user, props } = await setup();',
          `await user.click(screen.getByRole('button', { name: 'Choose ${pro.name}' }));`,
          `expect(props.onSelectPlan).toHaveBeenLastCalledWith(${literal(pro.id)}, 'monthly');`,
          "screen.getByRole('radio', { name: 'Monthly' }).focus();",
          "await user.keyboard('{ArrowRight}');",
          "screen.getByRole('button', { name: 'Choose Free' }).focus();",
          "await user.keyboard('{Enter}');",
          "expect(props.onSelectPlan).toHaveBeenLastCalledWith('free', 'yearly');",
        ],
      },
    ],
    play: [
      "await userEvent.click(canvas.getByRole('radio', { name: 'Yearly' }));",
      `await userEvent.click(canvas.getByRole('button', { name: 'Choose ${pro.name}' }));`,
      `await expect(args.onSelectPlan).toHaveBeenCalledWith(${literal(pro.id)}, 'yearly');`,
    ],
    notes: {
      design: ['three plan cards in a row from md up; the recommended plan ringed in the accent with a "Recommended" pill'],
      logic: ['billing period as a radio group (arrow keys native); each plan an article labelled by its name; onSelectPlan(planId, billing)'],
      performance: ['prices switch in place; nothing re-fetched'],
    },
  });
}
