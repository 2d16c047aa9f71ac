import { PageHeader } from '@lumenforge/ui/page-parts';
import { auth } from '../../auth';
import { IgnitionNav } from '../_components/ignition-nav';
import { TemplateGallery } from './_components/template-gallery';
import { TemplateUploadForm } from './_components/template-upload-form';

export const metadata = { title: { absolute: 'Templates · Ignition · LumenForge' } };

/** The template gallery; administrators (system.config) also add or update templates here. */
export default async function TemplatesPage() {
  const principal = await auth.requirePagePermission('projects.read');
  return (
    <>
      <IgnitionNav current="templates" />
      <div className="space-y-8">
        <PageHeader
          title="Templates"
          description="Start a project from a template: each one is a real, tested starter wired to your SLATE design tokens. Pick one to open the wizard."
        />
        <TemplateGallery canCreate={auth.can(principal, 'projects.create')} />
        {auth.can(principal, 'system.config') ? <TemplateUploadForm /> : null}
      </div>
    </>
  );
}
