/**
 * Where a model's `conveyor.yml` is read at a commit, so a push that changes the spec takes effect in
 * its own run: a local git repository, or (without one) only the registered spec.
 */
export interface SpecAtCommit {
  /** For messages: `<commit>:<path>`. */
  file: string;
  text: string;
}

export interface SpecSource {
  /** The spec file as it was at `commit`; undefined when the source does not know the model or commit. */
  readAt(model: string, commit: string): Promise<SpecAtCommit | undefined>;
}
