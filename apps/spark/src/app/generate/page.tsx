import { PERMISSION_LABELS } from '@lumenforge/auth';
import { COMPONENT_KINDS, COMPONENT_STATES } from '@lumenforge/spark-generator';
import { BUTTON_SECONDARY, PageHeader } from '@lumenforge/ui/page-parts';
import { auth } from '../../auth';
import { SparkNav } from '../_components/spark-nav';
import { GeneratorWorkspace } from './_components/generator-workspace';

export const metadata = { title: { absolute: 'Generate a component · Spark · LumenForge' } };

/**
 * Prompt → editable plan → three variations from the design, logic and performance experts → the
 * chosen one in Monaco with a live preview, its tests and follow-up edits → saved as version 1.
 */
export default async function GeneratePage() {
  const { principal } = await auth.pageAccess();
  const canGenerate = auth.can(principal, 'components.generate');

  return (
    <>
      <SparkNav current="generate" />
      <div className="space-y-5">
        <PageHeader
          title="Generate a component"
          description="Describe a component. SPARK plans it, three experts (design, logic, performance) build three variations with tests and stories from your workspace’s tokens, and you refine the one you choose before saving it."
        />
        {canGenerate ? (
          <GeneratorWorkspace
            kinds={COMPONENT_KINDS}
            states={COMPONENT_STATES}
            signInUrl={auth.signInUrlFor('/generate')}
          />
        ) : (
          <section className="max-w-2xl rounded-lg border border-border bg-surface p-6" role="status">
            <h2 className="text-base font-semibold">You cannot generate components</h2>
            <p className="mt-2 text-sm text-fg-muted">
              Your role (<strong>{principal.role}</strong>) can view components but not generate them: that
              needs the “{PERMISSION_LABELS['components.generate']}” permission. Ask an administrator if you
              need it.
            </p>
            <a href="/components" className={`${BUTTON_SECONDARY} mt-4`}>
              Back to the component library
            </a>
          </section>
        )}
      </div>
    </>
  );
}
