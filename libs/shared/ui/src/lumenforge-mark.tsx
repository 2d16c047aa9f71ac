export type LumenForgeMarkProps = { size?: number; className?: string };

/** The LumenForge mark: a faceted lumen (a cut gem catching light) in the current accent colour. */
export function LumenForgeMark({ size = 24, className }: LumenForgeMarkProps) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 32 32"
      className={className}
      aria-hidden="true"
      focusable="false"
    >
      <path d="M16 2 28 12 16 30 4 12Z" className="fill-accent-500" />
      <path d="M16 2 22 12 16 30 10 12Z" className="fill-accent-300" />
      <path d="M4 12h24L16 2Z" className="fill-accent-200" opacity="0.9" />
      <path d="M10 12h12l-6-10Z" className="fill-accent-50" opacity="0.9" />
    </svg>
  );
}
