import { PERMISSION_LABELS } from '@lumenforge/auth';
import { BUTTON_SECONDARY, LINK, PageHeader } from '@lumenforge/ui/page-parts';
import { auth } from '../../../auth';
import { SparkNav } from '../../_components/spark-nav';
import { NewComponentForm } from '../_components/new-component-form';

export const metadata = { title: { absolute: 'New component · Spark · LumenForge' } };

/** Saves a component written by hand as version 1 (engineers, admins and agents; designers only read). */
export default async function NewComponentPage() {
  const { principal } = await auth.pageAccess();
  const canCreate = auth.can(principal, 'components.generate');

  return (
    <>
      <SparkNav current="components" />
      <div className="space-y-5">
        <a href="/components" className={`${LINK} text-sm`}>
          ← All components
        </a>
        <PageHeader
          title="New component"
          description="Add a component you wrote yourself to the workspace’s library. It is saved as version 1."
        />
        {canCreate ? (
          <NewComponentForm />
        ) : (
          <section className="max-w-2xl rounded-lg border border-border bg-surface p-6" role="status">
            <h2 className="text-base font-semibold">You cannot create components</h2>
            <p className="mt-2 text-sm text-fg-muted">
              Your role (<strong>{principal.role}</strong>) can view components but not add them: that needs
              the “{PERMISSION_LABELS['components.generate']}” permission. Ask an administrator if you need
              it.
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
