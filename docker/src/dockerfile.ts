// A small Dockerfile parser for the static tests: instructions (comments dropped, `\` line
// continuations joined, heredocs not used here), grouped into build stages, plus the variable
// substitution BuildKit applies to FROM/COPY/ENV/EXPOSE/USER/WORKDIR/LABEL arguments.

export type TInstruction = { keyword: string; args: string; line: number };

export type TStage = {
  index: number;
  /** `AS <name>`, or the stage index as a string. */
  name: string;
  /** The FROM image or earlier stage, unresolved (may contain ${APP}). */
  from: string;
  instructions: TInstruction[];
};

export type TDockerfile = { globalArgs: TInstruction[]; stages: TStage[] };

export function parseInstructions(text: string): TInstruction[] {
  const lines = text.split('\n');
  const instructions: TInstruction[] = [];
  let buffer = '';
  let startLine = 0;
  for (let index = 0; index < lines.length; index += 1) {
    const raw = lines[index] as string;
    const trimmed = raw.trim();
    // Comment lines (also inside a continued instruction) and parser directives are skipped.
    if (trimmed.startsWith('#')) continue;
    if (!buffer && trimmed === '') continue;
    if (!buffer) startLine = index + 1;
    if (trimmed.endsWith('\\')) {
      buffer += trimmed.slice(0, -1) + ' ';
      continue;
    }
    buffer += trimmed;
    const match = /^(\S+)\s*(.*)$/s.exec(buffer.trim());
    if (match) {
      instructions.push({
        keyword: (match[1] as string).toUpperCase(),
        args: (match[2] as string).replace(/\s+/g, ' ').trim(),
        line: startLine,
      });
    }
    buffer = '';
  }
  return instructions;
}

export function parseDockerfile(text: string): TDockerfile {
  const globalArgs: TInstruction[] = [];
  const stages: TStage[] = [];
  for (const instruction of parseInstructions(text)) {
    if (instruction.keyword === 'FROM') {
      const match = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i.exec(instruction.args);
      if (!match) throw new Error(`line ${instruction.line}: cannot parse FROM ${instruction.args}`);
      const index = stages.length;
      stages.push({ index, name: match[2] ?? String(index), from: match[1] as string, instructions: [] });
      continue;
    }
    const current = stages.at(-1);
    if (current) current.instructions.push(instruction);
    else if (instruction.keyword === 'ARG') globalArgs.push(instruction);
    else throw new Error(`line ${instruction.line}: ${instruction.keyword} before the first FROM`);
  }
  return { globalArgs, stages };
}

/** `${NAME}`, `$NAME`, `${NAME:-default}` substituted from `vars` (unknown names stay empty). */
export function substitute(text: string, vars: Record<string, string>): string {
  return text.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (_match, braced: string | undefined, fallback: string | undefined, bare: string | undefined) => {
      const name = (braced ?? bare) as string;
      const value = vars[name];
      return value !== undefined && value !== '' ? value : (fallback ?? '');
    },
  );
}

/** `KEY=value KEY2="v w"` pairs (ENV, LABEL, ARG with defaults). */
export function parseKeyValues(args: string): Record<string, string> {
  const pairs: Record<string, string> = {};
  for (const match of args.matchAll(/([A-Za-z0-9_.-]+)=("(?:[^"\\]|\\.)*"|\S*)/g)) {
    const raw = match[2] as string;
    pairs[match[1] as string] = raw.startsWith('"') ? raw.slice(1, -1) : raw;
  }
  return pairs;
}

export type TCopy = { from: string | null; sources: string[]; destination: string; line: number };

/** COPY/ADD arguments: flags (--from, --chown, --link, …), sources and the destination. */
export function parseCopy(instruction: TInstruction): TCopy {
  const words = instruction.args.split(' ').filter(Boolean);
  let from: string | null = null;
  const rest: string[] = [];
  for (const word of words) {
    if (word.startsWith('--from=')) from = word.slice('--from='.length);
    else if (!word.startsWith('--')) rest.push(word);
  }
  if (rest.length < 2) throw new Error(`line ${instruction.line}: COPY needs a source and a destination`);
  return { from, sources: rest.slice(0, -1), destination: rest.at(-1) as string, line: instruction.line };
}

/** The exec-form JSON array of CMD/ENTRYPOINT/HEALTHCHECK CMD, or null for the shell form. */
export function execForm(args: string): string[] | null {
  const start = args.indexOf('[');
  if (start < 0) return null;
  try {
    return JSON.parse(args.slice(start)) as string[];
  } catch {
    return null;
  }
}

/** A stage and the stages it is built FROM, nearest first (resolving `FROM app-${APP}`). */
export function stageChain(dockerfile: TDockerfile, name: string, vars: Record<string, string>): TStage[] {
  const chain: TStage[] = [];
  let current = dockerfile.stages.find((stage) => stage.name === name);
  while (current) {
    chain.push(current);
    const parentName = substitute(current.from, vars);
    const childIndex = current.index;
    current = dockerfile.stages.find((stage) => stage.name === parentName && stage.index < childIndex);
  }
  return chain;
}

/** ENV, ARG defaults and the build args in effect in a stage (ancestors first, so nearer wins). */
export function stageVariables(
  dockerfile: TDockerfile,
  name: string,
  buildArgs: Record<string, string>,
): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const arg of dockerfile.globalArgs) Object.assign(vars, parseKeyValues(arg.args));
  Object.assign(vars, buildArgs);
  for (const stage of stageChain(dockerfile, name, vars).reverse()) {
    for (const instruction of stage.instructions) {
      if (instruction.keyword === 'ENV') {
        for (const [key, value] of Object.entries(parseKeyValues(instruction.args)))
          vars[key] = substitute(value, vars);
      }
    }
  }
  return vars;
}

/** The last value of an instruction along a stage chain (USER, WORKDIR, …), substituted. */
export function effective(
  dockerfile: TDockerfile,
  name: string,
  keyword: string,
  vars: Record<string, string>,
): string | undefined {
  for (const stage of stageChain(dockerfile, name, vars)) {
    const found = stage.instructions.filter((instruction) => instruction.keyword === keyword).at(-1);
    if (found) return substitute(found.args, vars);
  }
  return undefined;
}

/** All instructions of a stage and its ancestors, ancestors first. */
export function chainInstructions(dockerfile: TDockerfile, name: string, vars: Record<string, string>) {
  return stageChain(dockerfile, name, vars)
    .reverse()
    .flatMap((stage) => stage.instructions.map((instruction) => ({ stage: stage.name, ...instruction })));
}
