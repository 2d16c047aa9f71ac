import Link from 'next/link';
import { PERMISSION_LABELS } from '@lumenforge/auth';
import { BUTTON_SECONDARY, LINK, PageHeader } from '@lumenforge/ui/page-parts';
import { auth } from '../../auth';
import { IgnitionNav } from '../_components/ignition-nav';
import { TemplateGallery } from '../templates/_components/template-gallery';
import { WizardLoader } from './_components/wizard-loader';

export const metadata = { title: { absolute: 'New project · Ignition · LumenForge' } };

type TProps = { searchParams: Promise<{ template?: string | string[] }> };

/** The project wizard for `?template=<key>`; without one, the templates to choose from. */
export default async function NewProjectPage({ searchParams }: TProps) {
  const { principal } = await auth.pageAccess();
  const { template } = await searchParams;
  const templateKey = Array.isArray(template) ? template[0] : template;
  const canCreate = auth.can(principal, 'projects.create');

  return (
    <>
      <IgnitionNav current="new" />
      <div className="space-y-5">
        <a href="/templates" className={`${LINK} text-sm`}>
          ← All templates
        </a>
        <PageHeader
          title="New project"
          description="Five steps: name, packages and options, design tokens, Git and the first deployment target. The preview shows the project as it will be generated; nothing is written until you create it."
        />
        {!canCreate ? (
          <section className="max-w-2xl rounded-lg border border-border bg-surface p-6" role="status">
            <h2 className="text-base font-semibold">You cannot create projects</h2>
            <p className="mt-2 text-sm text-fg-muted">
              Your role (<strong>{principal.role}</strong>) can view projects but not create them: that needs
              the “{PERMISSION_LABELS['projects.create']}” permission. Ask an administrator if you need it.
            </p>
            <Link href="/projects" className={`${BUTTON_SECONDARY} mt-4`}>
              Back to the projects
            </Link>
          </section>
        ) : templateKey ? (
          <WizardLoader
            templateKey={templateKey}
            signInUrl={auth.signInUrlFor(`/new?template=${encodeURIComponent(templateKey)}`)}
          />
        ) : (
          <div className="space-y-3">
            <h2 className="text-base font-semibold">Choose a template</h2>
            <TemplateGallery canCreate />
          </div>
        )}
      </div>
    </>
  );
}
