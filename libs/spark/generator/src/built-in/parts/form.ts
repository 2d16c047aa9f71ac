// Form with validation: labelled fields from the plan (email, password, name, message…), checked
// on submit (required, e-mail format, password length), errors tied to their fields with the first
// invalid one focused; a valid form calls onSubmit, awaited, with a busy submit button and the
// failure shown if it rejects.
import type { TComponentPlan } from '../../types';
import { buildComponentFiles, FN } from '../component-kit';
import { controlClass } from '../field-kit';
import type { TPartBuild, TPartContext } from '../part';
import { humanise, literal, sentence } from '../part-kit';
import { pascalCase } from '../vocabulary-words';

type TField = { name: string; label: string; type: string; multiline: boolean; sample: string; rule: string | null };

function fieldsOf(plan: TComponentPlan): TField[] {
  const subject = humanise(plan.name);
  const planned = plan.data.fields.length > 0
    ? plan.data.fields
    : /login|sign ?in|log ?in/.test(subject)
      ? ['email', 'password']
      : /sign ?up|register|account/.test(subject)
        ? ['name', 'email', 'password']
        : /contact|feedback|support/.test(subject)
          ? ['name', 'email', 'message']
          : /profile/.test(subject)
            ? ['displayName', 'email', 'bio']
            : ['name', 'email'];
  return planned.slice(0, 6).map((raw) => {
    const name = pascalCase(humanise(raw).split(' ')).replace(/^./, (first) => first.toLowerCase()) || 'field';
    const lower = humanise(name);
    const isEmail = /mail/.test(lower);
    const isPassword = /password/.test(lower);
    const multiline = /message|bio|comment|description|notes|about/.test(lower);
    return {
      name,
      label: sentence(lower),
      type: isEmail ? 'email' : isPassword ? 'password' : /phone/.test(lower) ? 'tel' : 'text',
      multiline,
      sample: isEmail ? 'ada@example.com' : isPassword ? 'correct horse battery' : multiline ? 'Hello from the tests.' : 'Ada Lovelace',
      rule: isEmail ? 'email' : isPassword ? 'password' : null,
    };
  });
}

export function buildForm(plan: TComponentPlan, variation: number, context: TPartContext): TPartBuild {
  const style = context.design;
  const fields = fieldsOf(plan);
  const valuesType = `${plan.name}Values`;
  const submitLabel = /login|sign ?in|log ?in/.test(humanise(plan.name)) ? 'Sign in' : /sign ?up|register/.test(humanise(plan.name)) ? 'Create account' : /contact|message/.test(humanise(plan.name)) ? 'Send' : 'Save';
  const hasDisabled = plan.states.includes('disabled');
  const first = fields[0] as TField;
  const emailField = fields.find((field) => field.rule === 'email');
  const isTwoColumn = variation === 1 && fields.length > 2 && !style.density.isCompact;
  const fieldJsx = fields.map((field) => {
    const tag = field.multiline ? 'textarea' : 'input';
    return [
      `  <div className=${JSON.stringify(`flex flex-col gap-1.5${isTwoColumn && field.multiline ? ' sm:col-span-2' : ''}`)}>`,
      `    <label htmlFor={\`\${id}-${field.name}\`} className=${JSON.stringify(style.labelText)}>`,
      `      ${field.label}`,
      '    </label>',
      `    <${tag}`,
      `      id={\`\${id}-${field.name}\`}`,
      `      name=${JSON.stringify(field.name)}`,
      ...(field.multiline ? [`      rows={${style.density.isCompact ? 3 : 4}}`] : [`      type=${JSON.stringify(field.type)}`, `      autoComplete=${JSON.stringify(field.type === 'email' ? 'email' : field.type === 'password' ? 'current-password' : 'on')}`]),
      `      value={values.${field.name}}`,
      `      onChange={(event) => handleChange(${literal(field.name)}, event.target.value)}`,
      `      aria-invalid={errors.${field.name} ? true : undefined}`,
      `      aria-describedby={errors.${field.name} ? \`\${id}-${field.name}-error\` : undefined}`,
      '      aria-required="true"',
      `      className=${JSON.stringify(controlClass(style))}`,
      '    />',
      `    {errors.${field.name} ? (`,
      `      <p id={\`\${id}-${field.name}-error\`} className=${JSON.stringify(style.errorText)}>`,
      `        {errors.${field.name}}`,
      '      </p>',
      '    ) : null}',
      '  </div>',
    ].join('\n');
  });
  const submitDisabled = ['isSubmitting', ...(hasDisabled ? ['disabled'] : [])].join(' || ');
  return buildComponentFiles({
    plan,
    context,
    declarations: [
      `export type ${valuesType} = { ${fields.map((field) => `${field.name}: string`).join('; ')} };`,
      `type Errors = Partial<Record<keyof ${valuesType}, string>>;`,
      `const EMPTY: ${valuesType} = { ${fields.map((field) => `${field.name}: ''`).join(', ')} };`,
      [
        `/** Why each field is invalid; an empty object when the form can be sent. */`,
        `function validate(values: ${valuesType}): Errors {`,
        '  const errors: Errors = {};',
        ...fields.map((field) => `  if (values.${field.name}.trim() === '') errors.${field.name} = ${literal(`${field.label} is required.`)};`),
        ...fields.filter((field) => field.rule === 'email').map((field) => `  else if (!/^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$/.test(values.${field.name})) errors.${field.name} = 'Enter an e-mail address like name@example.com.';`),
        ...fields.filter((field) => field.rule === 'password').map((field) => `  else if (values.${field.name}.length < 8) errors.${field.name} = ${literal(`${field.label} needs at least 8 characters.`)};`),
        '  return errors;',
        '}',
      ].join('\n'),
    ],
    props: [
      { name: 'onSubmit', type: `(values: ${valuesType}) => void | Promise<void>`, description: 'Called with the values once they are valid; a rejection is shown as the form error.', sample: FN },
      { name: 'submitLabel', type: 'string', description: 'The text of the submit button.', defaultValue: literal(submitLabel) },
      { name: 'title', type: 'string', description: 'The heading above the fields.', defaultValue: literal(sentence(humanise(plan.name))) },
    ],
    body: [
      'const id = useId();',
      'const formRef = useRef<HTMLFormElement>(null);',
      `const [values, setValues] = useState<${valuesType}>(EMPTY);`,
      'const [errors, setErrors] = useState<Errors>({});',
      'const [submitError, setSubmitError] = useState<string | null>(null);',
      'const [isSubmitting, setIsSubmitting] = useState(false);',
      '',
      `function handleChange(field: keyof ${valuesType}, value: string) {`,
      '  setValues((current) => ({ ...current, [field]: value }));',
      '  if (errors[field]) setErrors((current) => ({ ...current, [field]: undefined }));',
      '}',
      '',
      'async function handleSubmit(event: { preventDefault: () => void }) {',
      '  event.preventDefault();',
      '  const found = validate(values);',
      '  setErrors(found);',
      '  const firstInvalid = Object.keys(found)[0];',
      '  if (firstInvalid) {',
      '    formRef.current?.querySelector<HTMLElement>(`[name="${firstInvalid}"]`)?.focus();',
      '    return;',
      '  }',
      '  setSubmitError(null);',
      '  setIsSubmitting(true);',
      '  try {',
      '    await onSubmit?.(values);',
      '  } catch (reason) {',
      "    setSubmitError(reason instanceof Error ? reason.message : 'The form could not be sent.');",
      '  } finally {',
      '    setIsSubmitting(false);',
      '  }',
      '}',
    ],
    render: [
      `<form ref={formRef} noValidate onSubmit={handleSubmit} aria-labelledby={\`\${id}-title\`} className=${JSON.stringify(`${style.panel} ${style.density.body} flex flex-col ${style.density.gap}`)}>`,
      `  <h2 id={\`\${id}-title\`} className=${JSON.stringify(style.heading)}>{title}</h2>`,
      `  <div className=${JSON.stringify(isTwoColumn ? `grid grid-cols-1 sm:grid-cols-2 ${style.density.gap}` : `flex flex-col ${style.density.gap}`)}>`,
      ...fieldJsx.map((block) => block.split('\n').map((line) => `  ${line}`).join('\n')),
      '  </div>',
      `  {submitError ? <p role="alert" className=${JSON.stringify(style.alert)}>{submitError}</p> : null}`,
      `  <button type="submit" disabled={${submitDisabled}} aria-busy={isSubmitting || undefined} className=${JSON.stringify(`self-start inline-flex items-center justify-center font-medium ${style.control} ${style.primaryButton}`)}>`,
      "    {isSubmitting ? 'Sending…' : submitLabel}",
      '  </button>',
      '</form>',
    ].join('\n'),
    disabledOn: 'controls',
    tests: [
      {
        name: 'refuses to send empty fields, says why and focuses the first',
        body: [
          'const { props, user } = await setup();',
          `await user.click(screen.getByRole('button', { name: ${literal(submitLabel)} }));`,
          'expect(props.onSubmit).not.toHaveBeenCalled();',
          `const first = screen.getByLabelText(${literal(first.label)});`,
          "expect(first.getAttribute('aria-invalid')).toBe('true');",
          `expect(screen.getByText(${literal(`${first.label} is required.`)})).toBeTruthy();`,
          'expect(document.activeElement).toBe(first);',
        ],
      },
      ...(emailField
        ? [{
            name: 'rejects a malformed e-mail address',
            body: [
              'const { props, user } = await setup();',
              ...fields.map((field) => `await user.type(screen.getByLabelText(${literal(field.label)}), ${literal(field.rule === 'email' ? 'not-an-address' : field.sample)});`),
              `await user.click(screen.getByRole('button', { name: ${literal(submitLabel)} }));`,
              "expect(screen.getByText('Enter an e-mail address like name@example.com.')).toBeTruthy();",
              'expect(props.onSubmit).not.toHaveBeenCalled();',
            ],
          }]
        : []),
      {
        name: 'sends valid values with Enter',
        body: [
          'const { props, user } = await setup();',
          ...fields.map((field) => `await user.type(screen.getByLabelText(${literal(field.label)}), ${literal(field.sample)});`),
          `await user.click(screen.getByLabelText(${literal((fields.find((field) => !field.multiline) ?? first).label)}));`,
          "await user.keyboard('{Enter}');",
          `expect(props.onSubmit).toHaveBeenCalledWith({ ${fields.map((field) => `${field.name}: ${literal(field.sample)}`).join(', ')} });`,
        ],
      },
      {
        name: 'shows why sending failed',
        body: [
          "const { user } = await setup({ onSubmit: () => Promise.reject(new Error('The server is unavailable.')) });",
          ...fields.map((field) => `await user.type(screen.getByLabelText(${literal(field.label)}), ${literal(field.sample)});`),
          `await user.click(screen.getByRole('button', { name: ${literal(submitLabel)} }));`,
          "expect((await screen.findByRole('alert')).textContent).toBe('The server is unavailable.');",
        ],
      },
    ],
    play: [
      ...fields.map((field) => `await userEvent.type(canvas.getByLabelText(${literal(field.label)}), ${literal(field.sample)});`),
      `await userEvent.click(canvas.getByRole('button', { name: ${literal(submitLabel)} }));`,
      'await expect(args.onSubmit).toHaveBeenCalled();',
    ],
    stories: [
      {
        name: 'ShowsErrors',
        play: [`await userEvent.click(canvas.getByRole('button', { name: ${literal(submitLabel)} }));`, `await expect(canvas.getByText(${literal(`${first.label} is required.`)})).toBeInTheDocument();`],
      },
    ],
    notes: {
      design: [isTwoColumn ? 'fields in two columns from the small breakpoint' : 'fields stacked under the heading', 'errors in the danger text token under each field'],
      logic: [
        `${fields.length} fields (${fields.map((field) => field.name).join(', ')}) validated on submit: required${emailField ? ', e-mail format' : ''}${fields.some((field) => field.rule === 'password') ? ', password length' : ''}`,
        'errors tied with aria-describedby and aria-invalid, the first invalid field focused; onSubmit awaited with a busy button and its failure shown',
      ],
    },
  });
}
