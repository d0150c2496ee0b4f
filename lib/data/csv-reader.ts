/**
 * A streaming RFC 4180 CSV reader working on bytes: quoted fields, doubled quotes, CRLF or LF line
 * ends, a UTF-8 byte order mark, blank lines skipped. The first row is the header. Fields are
 * recorded as byte ranges, so no string is made for a cell that is only parsed as a number.
 */
import { InvalidInputError } from '../errors/invalid-input-error';
import type { BatchColumn, DataBatch } from './batch';
import { parseTimestampBytes, type ValueType } from './decode';

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;

// Columns the tokenizer parses while it scans them: it reads their bytes once instead of twice.
const PARSE_NONE = 0;
const PARSE_INTEGER = 1;
const PARSE_TIMESTAMP = 2;
/** YYYY-MM-DDTHH:MM:SS, the most common timestamp layout, tried first. */
const TIMESTAMP_WIDTH = 19;
const MAX_SAFE_DIGITS = 15;

/** Reads CSV from a stream of (already decompressed) chunks. Yields at least one batch. */
export async function* readCsv(
  chunks: AsyncIterable<Uint8Array>,
  name: string,
  types: Readonly<Record<string, ValueType>> = {},
): AsyncGenerator<DataBatch> {
  const tokenizer = new CsvTokenizer(name, types);
  for await (const chunk of chunks) {
    const batch = tokenizer.push(chunk as Buffer, false);
    if (batch) yield batch;
  }
  yield tokenizer.push(Buffer.alloc(0), true) as DataBatch;
}

class CsvTokenizer {
  /** Unparsed bytes (the incomplete last row) followed by the newest chunk; reused across pushes. */
  private work: Buffer = Buffer.allocUnsafe(1 << 16);
  private pendingStart = 0;
  private pendingLength = 0;
  /** Line number of the first pending byte. */
  private line = 1;
  private header: string[] | undefined;
  private starts = new Int32Array(1 << 12);
  private ends = new Int32Array(1 << 12);
  private escaped = new Uint8Array(1 << 12);
  private locations = new Int32Array(1 << 10);
  /** Per column: what to parse while scanning, and the values parsed (by row). */
  private parseAs = new Uint8Array(0);
  private parsed: (Float64Array | undefined)[] = [];
  private first = true;

  constructor(
    private readonly name: string,
    private readonly types: Readonly<Record<string, ValueType>>,
  ) {}

  /** Parses every complete row; returns a batch of them (at the end always, possibly empty). */
  push(chunk: Buffer, final: boolean): DataBatch | undefined {
    const len = this.append(chunk);
    const buf = this.work;
    let pos = this.pendingStart;
    if (this.first && len - pos >= 3) {
      this.first = false;
      if (buf[pos] === 0xef && buf[pos + 1] === 0xbb && buf[pos + 2] === 0xbf) pos += 3;
    }
    if (this.header === undefined) {
      pos = this.readHeader(buf, pos, len, final);
      if (this.header === undefined) {
        if (final) throw this.error(1, 'the file is empty: expected a header row');
        this.keep(pos, len);
        return undefined;
      }
    }
    const ncols = this.header.length;
    let line = this.line;
    let rows = 0;
    let { starts, ends, escaped, locations } = this;
    const { parseAs } = this;
    let { parsed } = this;

    rowLoop: while (pos < len) {
      const rowStart = pos;
      const rowLine = line;
      let c = buf[pos] as number;
      if (c === LF || (c === CR && pos + 1 < len && buf[pos + 1] === LF)) {
        pos += c === LF ? 1 : 2; // a blank line
        line++;
        continue;
      }
      if ((rows + 1) * ncols > starts.length) {
        this.grow((rows + 1) * ncols * 2);
        ({ starts, ends, escaped } = this);
      }
      if (rows >= locations.length) {
        const next = new Int32Array(locations.length * 2);
        next.set(locations);
        this.locations = locations = next;
        this.growParsed(next.length);
        parsed = this.parsed;
      }
      let at = rows * ncols;
      let field = 0;
      for (;;) {
        let start = pos;
        let end: number;
        let quoted = 0;
        const kind = field < ncols ? (parseAs[field] as number) : PARSE_NONE;
        const values = kind === PARSE_NONE ? undefined : (parsed[field] as Float64Array);
        if (values !== undefined) values[rows] = Number.NaN;
        if (pos < len && buf[pos] === QUOTE) {
          const quoteLine = line;
          start = ++pos;
          for (;;) {
            const q = buf.indexOf(QUOTE, pos);
            if (q < 0 || q >= len) {
              if (final) throw this.error(quoteLine, 'unclosed quote: the quoted field never ends');
              pos = rowStart;
              line = rowLine;
              break rowLoop;
            }
            for (let i = pos; i < q; i++) if (buf[i] === LF) line++;
            if (q + 1 < len && buf[q + 1] === QUOTE) {
              quoted = 1;
              pos = q + 2;
              continue;
            }
            if (q + 1 >= len && !final) {
              pos = rowStart;
              line = rowLine;
              break rowLoop;
            }
            end = q;
            pos = q + 1;
            break;
          }
          c = pos < len ? (buf[pos] as number) : LF;
          if (c === CR && (pos + 1 < len ? buf[pos + 1] === LF : final)) {
            pos++; // CRLF (or a CR ending the file) ends the row
            c = LF;
          } else if (c === CR && pos + 1 >= len) {
            pos = rowStart;
            line = rowLine;
            break rowLoop;
          } else if (c !== COMMA && c !== LF) {
            throw this.error(
              line,
              `unexpected ${JSON.stringify(String.fromCharCode(c))} after a closing quote`,
            );
          }
        } else {
          // The work buffer ends with a sentinel LF, so these scans need no bounds check.
          const parsedEnd =
            kind === PARSE_INTEGER
              ? this.scanInteger(buf, pos, values as Float64Array, rows)
              : kind === PARSE_TIMESTAMP
                ? this.scanTimestamp(buf, pos, len, values as Float64Array, rows)
                : 0;
          if (parsedEnd > 0) pos = parsedEnd;
          // Most bytes of a field (digits, letters, '-', '.', ':') sort above the comma: one comparison each.
          c = buf[pos] as number;
          for (;;) {
            while (c > COMMA) c = buf[++pos] as number;
            if (c === COMMA || c === LF) break;
            c = buf[++pos] as number;
          }
          if (pos >= len && !final) {
            pos = rowStart;
            line = rowLine;
            break rowLoop;
          }
          end = pos;
          if (c === LF && end > start && buf[end - 1] === CR) end--;
        }
        if (field < ncols) {
          starts[at] = start;
          ends[at] = end;
          escaped[at] = quoted;
          at++;
        }
        field++;
        // c is the byte that ended the field: a comma, or LF (the sentinel LF at the end of the data).
        if (c === COMMA) {
          pos++;
          continue;
        }
        if (pos < len) {
          pos++; // the LF
          line++;
        }
        break;
      }
      if (field !== ncols)
        throw this.error(rowLine, `expected ${ncols} fields as in the header, found ${field}`);
      locations[rows] = rowLine;
      rows++;
    }
    this.line = line;
    this.keep(pos, len);
    if (rows === 0 && !final) return undefined;
    return this.batch(buf, rows, ncols);
  }
  /**
   * Parses a plain decimal integer at `pos`; when it ends the field, records it and returns the
   * position of the delimiter, else returns 0 (the caller scans and the decoder parses the field).
   */
  private scanInteger(buf: Buffer, pos: number, values: Float64Array, row: number): number {
    let p = pos;
    let c = buf[p] as number;
    const negative = c === 45;
    if (negative) c = buf[++p] as number;
    const first = p;
    let value = 0;
    while (c >= 48 && c <= 57) {
      value = value * 10 + (c - 48);
      c = buf[++p] as number;
    }
    if (p === first || p - first > MAX_SAFE_DIGITS || (c !== COMMA && c !== LF)) return 0;
    values[row] = negative ? -value : value;
    return p;
  }

  /** As `scanInteger`, for an ISO timestamp of the common width. */
  private scanTimestamp(buf: Buffer, pos: number, len: number, values: Float64Array, row: number): number {
    const end = pos + TIMESTAMP_WIDTH;
    const next = buf[end];
    if (end > len || (next !== COMMA && next !== LF)) return 0;
    // The parser checks every byte's place (digits and separators), so no delimiter hides inside.
    const value = parseTimestampBytes(buf, pos, end);
    if (Number.isNaN(value)) return 0;
    values[row] = value;
    return end;
  }

  private growParsed(rows: number): void {
    this.parsed = this.parsed.map((old) => {
      if (old === undefined) return undefined;
      const next = new Float64Array(rows);
      next.set(old);
      return next;
    });
  }

  /** Appends `chunk` after the pending bytes in the work buffer; returns the end of the data. */
  private append(chunk: Buffer): number {
    const need = this.pendingLength + chunk.length;
    if (need + 1 > this.work.length) {
      const next = Buffer.allocUnsafe(Math.max(need + 1, this.work.length * 2));
      this.work.copy(next, 0, this.pendingStart, this.pendingStart + this.pendingLength);
      this.work = next;
    } else if (this.pendingStart > 0) {
      this.work.copyWithin(0, this.pendingStart, this.pendingStart + this.pendingLength);
    }
    this.pendingStart = 0;
    chunk.copy(this.work, this.pendingLength);
    this.work[need] = LF;
    return need;
  }

  private keep(pos: number, len: number): void {
    this.pendingStart = pos;
    this.pendingLength = len - pos;
  }

  /** Reads the header row when it is complete; returns the position after it. */
  private readHeader(buf: Buffer, from: number, len: number, final: boolean): number {
    let inQuote = false;
    let end = from;
    while (end < len && (inQuote || buf[end] !== LF)) {
      if (buf[end] === QUOTE) inQuote = !inQuote;
      end++;
    }
    if (inQuote && final) throw this.error(1, 'unclosed quote in the header');
    if ((end >= len && !final) || inQuote) return from;
    const text = buf.toString('utf8', from, end > from && buf[end - 1] === CR ? end - 1 : end);
    this.line += text.split('\n').length;
    const names: string[] = [];
    let current = '';
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (quoted) {
        if (ch === '"' && text[i + 1] === '"') {
          current += '"';
          i++;
        } else if (ch === '"') quoted = false;
        else current += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ',') {
        names.push(current);
        current = '';
      } else current += ch;
    }
    names.push(current);
    if (text.trim() === '') {
      if (final) throw this.error(1, 'the file is empty: expected a header row');
      return end + 1;
    }
    const seen = new Set<string>();
    for (const name of names) {
      if (name === '') throw this.error(1, 'the header has an empty column name');
      if (seen.has(name)) throw this.error(1, `the header names column "${name}" twice`);
      seen.add(name);
    }
    this.header = names;
    this.parseAs = Uint8Array.from(names, (name) => {
      const type = this.types[name];
      return type === 'integer' || type === 'number'
        ? PARSE_INTEGER
        : type === 'timestamp'
          ? PARSE_TIMESTAMP
          : PARSE_NONE;
    });
    this.parsed = [...this.parseAs].map((kind) =>
      kind === PARSE_NONE ? undefined : new Float64Array(this.locations.length),
    );
    return Math.min(end + 1, len);
  }

  private batch(buf: Buffer, rows: number, ncols: number): DataBatch {
    const { starts, ends, escaped, locations } = this;
    const columns = this.header as string[];
    const cells: BatchColumn[] = columns.map((_, offset) => {
      const kind = this.parseAs[offset];
      const parsed = this.parsed[offset];
      return {
        kind: 'bytes',
        buf,
        starts,
        ends,
        escaped,
        offset,
        stride: ncols,
        ...(parsed
          ? { parsed, parsedAs: kind === PARSE_TIMESTAMP ? ('timestamp' as const) : ('integer' as const) }
          : {}),
      };
    });
    return {
      columns,
      rowCount: rows,
      location: (i) => locations[i] as number,
      column: (index) => cells[index],
    };
  }

  private grow(fields: number): void {
    const copy = <T extends Int32Array | Uint8Array>(old: T, next: T): T => {
      next.set(old);
      return next;
    };
    this.starts = copy(this.starts, new Int32Array(fields));
    this.ends = copy(this.ends, new Int32Array(fields));
    this.escaped = copy(this.escaped, new Uint8Array(fields));
  }

  private error(line: number, message: string): InvalidInputError {
    return new InvalidInputError(`${this.name}:${line}: ${message}`);
  }
}
