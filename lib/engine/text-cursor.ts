/** The scanning both small parsers (JSONPath, intrinsic functions) share. */
import type { Json } from './asl';

export abstract class TextCursor {
  protected pos = 0;

  constructor(protected readonly src: string) {}

  protected abstract error(message: string): never;

  protected skipSpaces(): void {
    while (this.src[this.pos] === ' ') this.pos++;
  }

  protected expect(c: string): void {
    this.skipSpaces();
    if (this.src[this.pos] !== c) this.error(`expected "${c}"`);
    this.pos++;
  }

  protected readNumber(): number | undefined {
    const match = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(this.src.slice(this.pos));
    if (!match) return undefined;
    this.pos += match[0].length;
    return Number(match[0]);
  }

  /** Reads `true`, `false` or `null`. */
  protected readKeyword(): { value: Json } | undefined {
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (this.src.startsWith(word, this.pos)) {
        this.pos += word.length;
        return { value };
      }
    }
    return undefined;
  }
}
