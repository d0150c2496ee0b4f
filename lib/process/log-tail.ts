/** The last `maxLines` lines of a stream of chunks, each line cut at `maxLineLength` characters. */
export class LogTail {
  private readonly lines: string[] = [];
  private partial = '';

  constructor(
    private readonly maxLines = 100,
    private readonly maxLineLength = 2000,
  ) {}

  write(chunk: Buffer | string): void {
    const parts = (this.partial + chunk.toString()).split(/\r?\n/);
    this.partial = (parts.pop() ?? '').slice(-this.maxLineLength * 2);
    for (const line of parts) this.push(line);
  }

  /** The tail, including a last line that has no newline yet. */
  snapshot(): string[] {
    return this.partial
      ? [...this.lines, this.partial.slice(0, this.maxLineLength)].slice(-this.maxLines)
      : [...this.lines];
  }

  private push(line: string): void {
    this.lines.push(line.slice(0, this.maxLineLength));
    if (this.lines.length > this.maxLines) this.lines.shift();
  }
}
