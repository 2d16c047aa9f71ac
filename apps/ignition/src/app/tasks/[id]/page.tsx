import { PageHeader } from '@lumenforge/ui/page-parts';
import { auth } from '../../../auth';
import { IgnitionNav } from '../../_components/ignition-nav';
import { TaskView } from './_components/task-view';

export const metadata = { title: { absolute: 'Project creation · Ignition · LumenForge' } };

type TProps = { params: Promise<{ id: string }> };

/** One creation task: its steps, progress and log as they happen; cancel and retry. */
export default async function TaskPage({ params }: TProps) {
  const principal = await auth.requirePagePermission('projects.read');
  const { id } = await params;
  return (
    <>
      <IgnitionNav current={null} />
      <div className="space-y-5">
        <PageHeader
          title="Creating the project"
          description="Each step with its log, live. A failed step can be retried with the same answers."
        />
        <TaskView
          taskId={id}
          canChange={auth.can(principal, 'projects.create')}
          signInUrl={auth.signInUrlFor(`/tasks/${encodeURIComponent(id)}`)}
        />
      </div>
    </>
  );
}
