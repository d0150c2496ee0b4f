import { ConveyorError } from './conveyor-error';

/** One problem in a file a user wrote, with where it is. */
export interface SourceProblem {
  file: string;
  line: number;
  column: number;
  /** Dotted path of the field, e.g. `data.columns.age.min`; empty for the whole document. */
  path: string;
  message: string;
}

/** A `conveyor.yml` (or another user-written file) has one or more problems; all are listed. */
export class SpecInvalidError extends ConveyorError {
  override name = 'SpecInvalidError' as const;

  constructor(
    readonly problems: SourceProblem[],
    options?: { cause?: unknown },
  ) {
    super(problems.map(formatProblem).join('\n'), options);
  }
}

export const formatProblem = (p: SourceProblem): string =>
  `${p.file}:${p.line}:${p.column}: ${p.path ? `${p.path}: ` : ''}${p.message}`;
