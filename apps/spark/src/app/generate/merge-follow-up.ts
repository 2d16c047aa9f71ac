'use server';
// Server action of the generator page: merges the edits typed in Monaco while a follow-up was being
// prepared into its proposal (mergeEdit runs here: the generator package is server code).
import type { TGeneratedFiles, TMergeConflict } from '@lumenforge/spark-generator';
import { z } from 'zod';
import { auth } from '../../auth';
import { ZTestRunRequestSchema } from '../../generation';
import { acceptProposal } from './_components/follow-up-merge';

const ZFiles = ZTestRunRequestSchema.shape.files;
const ZMergeInput = z.object({ basedOn: ZFiles, proposed: ZFiles, current: ZFiles });

/** The proposal with `current`'s edits since `basedOn` merged in, and where both changed the same lines. */
export async function mergeFollowUp(input: {
  basedOn: TGeneratedFiles;
  proposed: TGeneratedFiles;
  current: TGeneratedFiles;
}): Promise<{ files: TGeneratedFiles; conflicts: TMergeConflict[] }> {
  await auth.authorizeRequest('components.generate');
  const { basedOn, proposed, current } = ZMergeInput.parse(input);
  return acceptProposal({ basedOn, files: proposed }, current);
}
