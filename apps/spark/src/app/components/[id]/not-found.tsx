import { BUTTON_PRIMARY } from '@lumenforge/ui/page-parts';

/** An unknown, malformed or another workspace's component id: said plainly, with the way back. */
export default function ComponentNotFound() {
  return (
    <section className="mx-auto max-w-lg rounded-xl border border-border bg-surface p-8 text-center">
      <h1 className="text-xl font-semibold">Component not found</h1>
      <p className="mt-3 text-fg-muted">
        There is no component at this address in your workspace. It may have been removed, or the link is
        wrong.
      </p>
      <a href="/components" className={`${BUTTON_PRIMARY} mt-6`}>
        Back to the component library
      </a>
    </section>
  );
}
