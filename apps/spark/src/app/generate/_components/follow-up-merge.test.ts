import { describe, expect, it } from 'vitest';
import { acceptProposal } from './follow-up-merge';

const lines = (...items: string[]) => items.join('\n');
const base = {
  name: 'Card',
  source: lines(
    'export function Card() {',
    '  return (',
    '    <div className="p-4">',
    '      <p>Card</p>',
    '    </div>',
    '  );',
    '}',
  ),
  tests: 'tests',
  stories: lines('export default {};', 'export const Default = {};'),
};

describe('acceptProposal', () => {
  const proposal = {
    basedOn: base,
    // The follow-up made it compact.
    files: { ...base, source: base.source.replace('p-4', 'p-2') },
  };

  it('takes the proposal as it is when nothing was typed meanwhile', () => {
    expect(acceptProposal(proposal, base)).toEqual({ files: proposal.files, conflicts: [] });
  });

  it('keeps a story added in the editor while the follow-up was prepared, and the follow-up too', () => {
    const current = { ...base, stories: `${base.stories}\nexport const Mine = {};` };
    const { files, conflicts } = acceptProposal(proposal, current);
    expect(files.source).toContain('p-2');
    expect(files.stories).toContain('export const Mine = {};');
    expect(conflicts).toEqual([]);
  });

  it('keeps the person’s line where both changed it and returns the conflict, without markers in the code', () => {
    const current = { ...base, source: base.source.replace('p-4', 'p-6') };
    const { files, conflicts } = acceptProposal(proposal, current);
    expect(files.source).toContain('p-6');
    expect(files.source).not.toMatch(/<<<<<<<|>>>>>>>|=======/);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ file: 'source', startLine: 3, endLine: 3 });
    expect(conflicts[0]?.theirs).toEqual(['    <div className="p-2">']);
  });

  it('passes on the conflicts of the server’s merge', () => {
    const conflict = {
      file: 'tests' as const,
      startLine: 1,
      endLine: 1,
      ours: ['a'],
      theirs: ['b'],
      base: ['c'],
      theirsStartLine: 1,
    };
    expect(acceptProposal({ ...proposal, conflicts: [conflict] }, base).conflicts).toEqual([conflict]);
  });
});
