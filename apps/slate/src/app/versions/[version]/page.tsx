import { SlateNav } from '@lumenforge/slate-feature-tokens/nav';
import { VersionDetail } from '@lumenforge/slate-feature-tokens/version-detail';
import { notFound } from 'next/navigation';
import { auth } from '../../../auth';
import { tokenService } from '../../../tokens';

type TParams = { params: Promise<{ version: string }> };

function versionNumber(text: string): number | null {
  return /^[1-9]\d{0,8}$/.test(text) ? Number(text) : null;
}

export async function generateMetadata({ params }: TParams) {
  const { version } = await params;
  return { title: versionNumber(version) === null ? 'Version not found' : `Version #${version}` };
}

/** One published version: changelog and the diff against the version before it. */
export default async function VersionPage({ params }: TParams) {
  const { principal } = await auth.pageAccess();
  const number = versionNumber((await params).version);
  if (number === null) notFound();
  const version = await tokenService().version(principal.workspaceId, number);
  if (!version) notFound();
  return (
    <>
      <SlateNav current="versions" />
      <VersionDetail version={version} />
    </>
  );
}
