// What "Accept" on a follow-up puts in the editor. The proposal was computed from the files as they
// were when the follow-up was sent (`basedOn`; the server already merged the person's earlier hand
// edits into it); edits typed in Monaco while it was being prepared are merged in here, never replaced.
import { mergeEdit, type TGeneratedFiles, type TMergeConflict } from '@lumenforge/spark-generator';

export type TFollowUpProposal = {
  files: TGeneratedFiles;
  basedOn: TGeneratedFiles;
  /** Where the server's merge kept the person's lines over the edit's. */
  conflicts?: TMergeConflict[];
};

/** The files to edit on, and every place where the person's lines were kept over the edit's. */
export function acceptProposal(
  proposal: TFollowUpProposal,
  current: TGeneratedFiles,
): { files: TGeneratedFiles; conflicts: TMergeConflict[] } {
  const serverConflicts = proposal.conflicts ?? [];
  if (current === proposal.basedOn) return { files: proposal.files, conflicts: serverConflicts };
  const merged = mergeEdit({ base: proposal.basedOn, ours: current, theirs: proposal.files });
  return { files: merged.files, conflicts: [...serverConflicts, ...merged.conflicts] };
}
