// File upload: a drop zone around a labelled file input (so the keyboard and screen readers use the
// native picker), checked against `accept` and a size limit with the reason in role="alert", the
// chosen files listed with remove buttons, and an async upload with its progress and outcome
// announced in a polite live region.
import type { TComponentPlan } from '../../types';
import { buildComponentFiles, FN, handler } from '../component-kit';
import type { TPartBuild, TPartContext } from '../part';
import { literal } from '../part-kit';

function uploadSettings(plan: TComponentPlan) {
  const text = `${plan.name} ${plan.summary}`;
  const isCsv = /csv|spreadsheet/i.test(text);
  const isImage = /image|photo|picture|avatar/i.test(text);
  const accept = isCsv ? '.csv' : isImage ? 'image/*' : '';
  const sizeMatch = /(\d+)\s*mb/i.exec(text)?.[1];
  const maxSizeMb = sizeMatch ? Number(sizeMatch) : 10;
  const good = isCsv ? { name: 'contacts.csv', type: 'text/csv' } : isImage ? { name: 'photo.png', type: 'image/png' } : { name: 'report.pdf', type: 'application/pdf' };
  const wrong = isCsv ? { name: 'photo.png', type: 'image/png' } : { name: 'notes.txt', type: 'text/plain' };
  const hint = `${isCsv ? 'CSV files' : isImage ? 'Images' : 'Any file'} up to ${maxSizeMb} MB`;
  return { accept, maxSizeMb, good, wrong, hint, label: isCsv ? 'Choose CSV files' : isImage ? 'Choose images' : 'Choose files' };
}

export function buildFileUpload(plan: TComponentPlan, variation: number, context: TPartContext): TPartBuild {
  const style = context.design;
  const settings = uploadSettings(plan);
  const disabled = plan.states.includes('disabled') ? ' || disabled' : '';
  const zone = variation === 1 ? 'rounded-xl bg-surface-sunken' : 'rounded-lg border-2 border-dashed';
  const render = `<div className="flex flex-col ${style.density.gap}">
  <div
    onDragOver={(event) => {
      event.preventDefault();
      setIsDragging(true);
    }}
    onDragLeave={() => setIsDragging(false)}
    onDrop={handleDrop}
    data-testid="drop-zone"
    className={\`flex flex-col items-center gap-2 ${zone} ${style.density.body} text-center focus-within:outline-2 focus-within:outline-focus \${isDragging ? 'border-accent bg-accent-surface' : 'border-border'}\`}
  >
    <label htmlFor={inputId} className="cursor-pointer font-medium text-accent-text underline-offset-4 hover:underline">
      {label}
    </label>
    <p id={hintId} className="${style.muted}">
      or drag and drop them here. {hint}
    </p>
    <input
      id={inputId}
      type="file"
      accept={accept || undefined}
      multiple={multiple}
      aria-describedby={hintId}
      onChange={(event) => {
        addFiles(Array.from(event.target.files ?? []));
        event.target.value = '';
      }}
      disabled={status === 'uploading'${disabled}}
      className="sr-only"
    />
  </div>
  {problem ? (
    <p role="alert" className="rounded-md bg-danger-surface ${style.density.cell} text-sm text-danger-text">
      {problem}
    </p>
  ) : null}
  {files.length > 0 ? (
    <ul aria-label="Chosen files" className="flex flex-col divide-y divide-border ${style.panel}">
      {files.map((file) => (
        <li key={file.name} className="flex items-center justify-between gap-2 ${style.density.cell} text-sm">
          <span className="truncate text-fg">{file.name}</span>
          <span className="text-fg-muted">{formatSize(file.size)}</span>
          <button
            type="button"
            aria-label={\`Remove \${file.name}\`}
            onClick={() => setFiles((current) => current.filter((candidate) => candidate !== file))}
            disabled={status === 'uploading'}
            className="${style.ghostButton} px-2"
          >
            <span aria-hidden="true">✕</span>
          </button>
        </li>
      ))}
    </ul>
  ) : null}
  <button
    type="button"
    onClick={handleUpload}
    disabled={files.length === 0 || status === 'uploading'${disabled}}
    className="self-start ${style.primaryButton} ${style.control}"
  >
    {status === 'uploading' ? 'Uploading…' : \`Upload \${files.length} \${files.length === 1 ? 'file' : 'files'}\`}
  </button>
  <p role="status" aria-live="polite" className="${style.muted}">
    {status === 'uploading' ? 'Uploading…' : status === 'done' ? 'Upload complete.' : ''}
  </p>
</div>`;
  const goodFile = `new File(['hello'], ${literal(settings.good.name)}, { type: ${literal(settings.good.type)} })`;
  return buildComponentFiles({
    plan,
    context,
    declarations: [
      [
        '/** `accept` as the input understands it: extensions (.csv), MIME types, or type/* wildcards. */',
        'function isAccepted(file: File, accept: string): boolean {',
        '  if (!accept) return true;',
        "  return accept.split(',').some((rule) => {",
        '    const token = rule.trim().toLowerCase();',
        "    if (token.startsWith('.')) return file.name.toLowerCase().endsWith(token);",
        "    if (token.endsWith('/*')) return file.type.startsWith(token.slice(0, -1));",
        '    return file.type === token;',
        '  });',
        '}',
        '',
        'function formatSize(bytes: number): string {',
        "  if (bytes < 1024) return `${bytes} B`;",
        "  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;",
        "  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;",
        '}',
      ].join('\n'),
    ],
    props: [
      { name: 'label', type: 'string', description: 'The file input’s label.', defaultValue: literal(settings.label) },
      { name: 'hint', type: 'string', description: 'What may be uploaded; read with the input.', defaultValue: literal(settings.hint) },
      { name: 'accept', type: 'string', description: 'Accepted types, as the input’s accept attribute.', defaultValue: literal(settings.accept) },
      { name: 'maxSizeMb', type: 'number', description: 'Largest file in megabytes.', defaultValue: String(settings.maxSizeMb) },
      { name: 'multiple', type: 'boolean', description: 'Allow several files.', defaultValue: 'true' },
      { name: 'onUpload', type: '(files: File[]) => Promise<void>', description: 'Uploads the chosen files; a rejection is shown as the error.', sample: FN },
    ],
    body: [
      'const [files, setFiles] = useState<File[]>([]);',
      "const [status, setStatus] = useState<'idle' | 'uploading' | 'done'>('idle');",
      'const [problem, setProblem] = useState<string | null>(null);',
      'const [isDragging, setIsDragging] = useState(false);',
      'const inputId = useId();',
      'const hintId = useId();',
      '',
      '// Files are checked one by one; the first refusal is said, the accepted ones are kept.',
      ...handler(
        context,
        'addFiles',
        'added: File[]',
        [
          'const refusals: string[] = [];',
          'const accepted = added.filter((file) => {',
          '  if (!isAccepted(file, accept)) refusals.push(`${file.name} is not an accepted file type.`);',
          '  else if (file.size > maxSizeMb * 1024 * 1024) refusals.push(`${file.name} is larger than ${maxSizeMb} MB.`);',
          '  else return true;',
          '  return false;',
          '});',
          'setProblem(refusals[0] ?? null);',
          "setStatus('idle');",
          'setFiles((current) => (multiple ? [...current, ...accepted] : accepted.slice(0, 1)));',
        ],
        ['accept', 'maxSizeMb', 'multiple'],
      ),
      '',
      ...handler(
        context,
        'handleDrop',
        'event: { preventDefault: () => void; dataTransfer: { files: ArrayLike<File> } | null }',
        ['event.preventDefault();', 'setIsDragging(false);', 'addFiles(Array.from(event.dataTransfer?.files ?? []));'],
        ['addFiles'],
      ),
      '',
      ...handler(
        context,
        'handleUpload',
        '',
        [
          "setStatus('uploading');",
          'setProblem(null);',
          '// Promise.resolve: a handler that returns nothing counts as done.',
          'Promise.resolve(onUpload?.(files))',
          '  .then(() => {',
          "    setStatus('done');",
          '    setFiles([]);',
          '  })',
          '  .catch((reason: unknown) => {',
          "    setStatus('idle');",
          "    setProblem(reason instanceof Error ? reason.message : 'The upload failed.');",
          '  });',
        ],
        ['files', 'onUpload'],
      ),
    ],
    render,
    disabledOn: 'controls',
    tests: [
      {
        name: 'takes files from the labelled input and lists them',
        body: [
          'const { user } = await setup();',
          `const input = screen.getByLabelText(${literal(settings.label)});`,
          `await user.upload(input, ${goodFile});`,
          `expect(within(screen.getByRole('list', { name: 'Chosen files' })).getByText(${literal(settings.good.name)})).toBeTruthy();`,
          "expect(screen.getByRole('button', { name: 'Upload 1 file' })).toBeTruthy();",
          `expect(input.getAttribute('aria-describedby')).toBeTruthy();`,
        ],
      },
      {
        name: 'refuses a file that is too large or of another type, saying why',
        body: [
          'const { user } = await setup();',
          `const big = ${goodFile};`,
          `Object.defineProperty(big, 'size', { value: ${settings.maxSizeMb + 1} * 1024 * 1024 });`,
          `await user.upload(screen.getByLabelText(${literal(settings.label)}), big);`,
          `expect(screen.getByRole('alert').textContent).toBe(${literal(`${settings.good.name} is larger than ${settings.maxSizeMb} MB.`)});`,
          ...(settings.accept
            ? [
                `fireEvent.drop(screen.getByTestId('drop-zone'), { dataTransfer: { files: [new File(['a'], ${literal(settings.wrong.name)}, { type: ${literal(settings.wrong.type)} })] } });`,
                `expect(screen.getByRole('alert').textContent).toBe(${literal(`${settings.wrong.name} is not an accepted file type.`)});`,
              ]
            : []),
          "expect(screen.queryByRole('list', { name: 'Chosen files' })).toBeNull();",
        ],
      },
      {
        name: 'accepts dropped files and removes one on request',
        body: [
          'const { user } = await setup();',
          `fireEvent.drop(screen.getByTestId('drop-zone'), { dataTransfer: { files: [${goodFile}] } });`,
          `await user.click(screen.getByRole('button', { name: ${literal(`Remove ${settings.good.name}`)} }));`,
          "expect(screen.queryByRole('list', { name: 'Chosen files' })).toBeNull();",
        ],
      },
      {
        name: 'uploads and says so',
        body: [
          'const onUpload = vi.fn(() => Promise.resolve());',
          'const { user } = await setup({ onUpload });',
          `const file = ${goodFile};`,
          `await user.upload(screen.getByLabelText(${literal(settings.label)}), file);`,
          "await user.click(screen.getByRole('button', { name: 'Upload 1 file' }));",
          'expect(onUpload).toHaveBeenCalledWith([file]);',
          "expect(await screen.findByText('Upload complete.')).toBeTruthy();",
        ],
      },
      {
        name: 'shows the reason when the upload fails',
        body: [
          "const { user } = await setup({ onUpload: () => Promise.reject(new Error('The server is unavailable.')) });",
          `await user.upload(screen.getByLabelText(${literal(settings.label)}), ${goodFile});`,
          "await user.click(screen.getByRole('button', { name: 'Upload 1 file' }));",
          "expect((await screen.findByRole('alert')).textContent).toBe('The server is unavailable.');",
        ],
      },
    ],
    play: [
      `await userEvent.upload(canvas.getByLabelText(${literal(settings.label)}), ${goodFile});`,
      "await userEvent.click(canvas.getByRole('button', { name: 'Upload 1 file' }));",
      'await expect(args.onUpload).toHaveBeenCalled();',
    ],
    notes: {
      design: [`${variation === 1 ? 'sunken' : 'dashed'} drop zone that takes the accent while dragging; chosen files in a list`],
      logic: [
        'a real file input with a label and a hint (aria-describedby), visually hidden but focusable; drag and drop onto the zone',
        `checks ${settings.accept || 'any type'} and ${settings.maxSizeMb} MB, refusals in role="alert"; onUpload(files) with uploading/complete in a live region and the error on rejection`,
      ],
      performance: ['files kept as File objects; nothing read into memory before upload'],
    },
  });
}
