import { CopyButton } from '@lumenforge/ui/copy-button';
import { BUTTON_SMALL } from './ui';

/** The copy buttons of a token: CSS variable, Tailwind class (when it has one), raw value. */
export function TokenCopyButtons({
  cssVariable,
  tailwindClass,
  value,
  testIdPrefix,
}: {
  cssVariable: string | undefined;
  tailwindClass: string | undefined;
  value: string;
  testIdPrefix?: string;
}) {
  return (
    <span className="flex flex-wrap gap-1">
      {cssVariable ? (
        <CopyButton
          className={BUTTON_SMALL}
          text={`var(${cssVariable})`}
          label="CSS"
          what="CSS variable"
          testId={testIdPrefix ? `${testIdPrefix}-copy-css` : undefined}
        />
      ) : null}
      {tailwindClass ? (
        <CopyButton
          className={BUTTON_SMALL}
          text={tailwindClass}
          label="Tailwind"
          what="Tailwind class"
          testId={testIdPrefix ? `${testIdPrefix}-copy-tailwind` : undefined}
        />
      ) : null}
      <CopyButton
        className={BUTTON_SMALL}
        text={value}
        label="Value"
        what="value"
        testId={testIdPrefix ? `${testIdPrefix}-copy-value` : undefined}
      />
    </span>
  );
}
