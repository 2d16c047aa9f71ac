/** Which guard found a problem. */
export type TCheckRule =
  | 'syntax'
  | 'type'
  | 'export'
  | 'token-colour'
  | 'token-length'
  | 'token-class'
  | 'arbitrary-value';

/** One problem in component code, where an editor can put its cursor (1-based line and column). */
export type TCheckProblem = {
  rule: TCheckRule;
  file: string;
  line: number;
  column: number;
  message: string;
};

/** `Button.tsx:3:14 Type 'number' is not assignable to type 'string'.` */
export function formatProblem(problem: TCheckProblem): string {
  return `${problem.file}:${problem.line}:${problem.column} ${problem.message}`;
}
