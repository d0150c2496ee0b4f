/**
 * Intrinsic functions of JSONPath states (`"x.$": "States.Format('{}', $.name)"`): parsed once,
 * evaluated against the state's data. Failures raise `States.IntrinsicFailure`, as AWS does.
 */
import { createHash, randomUUID } from 'node:crypto';
import { isJsonObject, type Json } from './asl';
import { hashAlgorithms } from './hash-algorithms';
import { notFound, type PathData, parsePath, readPath } from './json-path';
import { fail } from './states-failure';
import { TextCursor } from './text-cursor';

type Arg =
  | { kind: 'literal'; value: Json }
  | { kind: 'path'; path: string }
  | { kind: 'call'; call: IntrinsicCall };

export interface IntrinsicCall {
  name: string;
  args: Arg[];
}

export class IntrinsicSyntaxError extends Error {
  override name = 'IntrinsicSyntaxError' as const;
}

const functions: Record<string, { min: number; max: number; run: (args: Json[]) => Json }> = {
  'States.Format': { min: 1, max: Number.POSITIVE_INFINITY, run: (a) => format(a) },
  'States.StringToJson': { min: 1, max: 1, run: ([s]) => stringToJson(s as Json) },
  'States.JsonToString': { min: 1, max: 1, run: ([v]) => JSON.stringify(v) },
  'States.Array': { min: 0, max: Number.POSITIVE_INFINITY, run: (a) => a },
  'States.ArrayPartition': { min: 2, max: 2, run: ([a, n]) => arrayPartition(a as Json, n as Json) },
  'States.ArrayContains': {
    min: 2,
    max: 2,
    run: ([a, v]) => array(a as Json, 'ArrayContains').some((x) => deepEqual(x, v as Json)),
  },
  'States.ArrayRange': { min: 3, max: 3, run: ([a, b, c]) => arrayRange(a as Json, b as Json, c as Json) },
  'States.ArrayGetItem': { min: 2, max: 2, run: ([a, i]) => arrayGetItem(a as Json, i as Json) },
  'States.ArrayLength': { min: 1, max: 1, run: ([a]) => array(a as Json, 'ArrayLength').length },
  'States.ArrayUnique': { min: 1, max: 1, run: ([a]) => arrayUnique(a as Json) },
  'States.Base64Encode': {
    min: 1,
    max: 1,
    run: ([s]) => Buffer.from(limited(string(s as Json, 'Base64Encode'), 'Base64Encode')).toString('base64'),
  },
  'States.Base64Decode': {
    min: 1,
    max: 1,
    run: ([s]) =>
      Buffer.from(limited(string(s as Json, 'Base64Decode'), 'Base64Decode'), 'base64').toString('utf8'),
  },
  'States.Hash': { min: 2, max: 2, run: ([d, a]) => hash(d as Json, a as Json) },
  'States.JsonMerge': {
    min: 3,
    max: 3,
    run: ([a, b, deep]) => jsonMerge(a as Json, b as Json, deep as Json),
  },
  'States.MathRandom': { min: 2, max: 3, run: ([a, b, seed]) => mathRandom(a as Json, b as Json, seed) },
  'States.MathAdd': {
    min: 2,
    max: 2,
    run: ([a, b]) => integer(a as Json, 'MathAdd') + integer(b as Json, 'MathAdd'),
  },
  'States.StringSplit': { min: 2, max: 2, run: ([s, d]) => stringSplit(s as Json, d as Json) },
  'States.UUID': { min: 0, max: 0, run: () => randomUUID() },
};

export const isIntrinsic = (text: string): boolean => /^States\.[A-Za-z0-9]+\s*\(/.test(text);

const cache = new Map<string, IntrinsicCall>();

export const parseIntrinsic = (text: string): IntrinsicCall => {
  const cached = cache.get(text);
  if (cached) return cached;
  const parser = new IntrinsicParser(text);
  const call = parser.parseCall();
  parser.end();
  if (cache.size > 10_000) cache.clear();
  cache.set(text, call);
  return call;
};

export const evaluateIntrinsic = (text: string, data: PathData): Json =>
  evaluateCall(parseIntrinsic(text), data);

const evaluateCall = (call: IntrinsicCall, data: PathData): Json => {
  const fn = functions[call.name] as (typeof functions)[string];
  const args = call.args.map((arg): Json => {
    if (arg.kind === 'literal') return arg.value;
    if (arg.kind === 'call') return evaluateCall(arg.call, data);
    const found = readPath(arg.path, data);
    if (found === notFound)
      return fail('States.Runtime', `The JSONPath ${arg.path} could not be found in the input`);
    return found as Json;
  });
  return fn.run(args);
};

const intrinsicFailure = (message: string): never => fail('States.IntrinsicFailure', message);

const array = (value: Json, fn: string): Json[] =>
  Array.isArray(value) ? value : intrinsicFailure(`States.${fn}: expected an array`);
const string = (value: Json, fn: string): string =>
  typeof value === 'string' ? value : intrinsicFailure(`States.${fn}: expected a string`);
const integer = (value: Json, fn: string): number =>
  typeof value === 'number' && Number.isInteger(value)
    ? value
    : intrinsicFailure(`States.${fn}: expected an integer`);
const limited = (value: string, fn: string): string =>
  value.length <= 10_000 ? value : intrinsicFailure(`States.${fn}: input is longer than 10000 characters`);

const format = ([template, ...args]: Json[]): string => {
  const text = string(template as Json, 'Format');
  let out = '';
  let next = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length) {
      out += text[++i];
    } else if (c === '{' && text[i + 1] === '}') {
      if (next >= args.length) intrinsicFailure('States.Format: more {} than arguments');
      const arg = args[next++] as Json;
      out += typeof arg === 'string' ? arg : JSON.stringify(arg);
      i++;
    } else out += c;
  }
  if (next !== args.length) intrinsicFailure('States.Format: more arguments than {}');
  return out;
};

const stringToJson = (value: Json): Json => {
  try {
    return JSON.parse(string(value, 'StringToJson')) as Json;
  } catch {
    return intrinsicFailure('States.StringToJson: the string is not valid JSON');
  }
};

const arrayPartition = (value: Json, size: Json): Json[] => {
  const items = array(value, 'ArrayPartition');
  const n = integer(size, 'ArrayPartition');
  if (n <= 0) intrinsicFailure('States.ArrayPartition: chunk size must be positive');
  const out: Json[] = [];
  for (let i = 0; i < items.length; i += n) out.push(items.slice(i, i + n));
  return out;
};

const arrayRange = (start: Json, end: Json, stepValue: Json): number[] => {
  const a = integer(start, 'ArrayRange');
  const b = integer(end, 'ArrayRange');
  const s = integer(stepValue, 'ArrayRange');
  if (s === 0) intrinsicFailure('States.ArrayRange: step must not be 0');
  const out: number[] = [];
  for (let x = a; s > 0 ? x <= b : x >= b; x += s) {
    out.push(x);
    if (out.length > 1000) intrinsicFailure('States.ArrayRange: more than 1000 items');
  }
  return out;
};

const arrayGetItem = (value: Json, index: Json): Json => {
  const items = array(value, 'ArrayGetItem');
  const i = integer(index, 'ArrayGetItem');
  if (i < 0 || i >= items.length) return intrinsicFailure('States.ArrayGetItem: index out of bounds');
  return items[i] as Json;
};

const arrayUnique = (value: Json): Json[] => {
  const seen = new Set<string>();
  return array(value, 'ArrayUnique').filter((item) => {
    const key = canonical(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};

const hash = (data: Json, algorithm: Json): string => {
  const name = hashAlgorithms[string(algorithm, 'Hash')];
  if (!name) return intrinsicFailure(`States.Hash: unsupported algorithm ${String(algorithm)}`);
  const text = typeof data === 'string' ? data : JSON.stringify(data);
  return createHash(name).update(limited(text, 'Hash')).digest('hex');
};

const jsonMerge = (a: Json, b: Json, deep: Json): Json => {
  if (!isJsonObject(a) || !isJsonObject(b)) return intrinsicFailure('States.JsonMerge: expected two objects');
  if (deep !== false) return intrinsicFailure('States.JsonMerge: only shallow merge (false) is supported');
  return { ...a, ...b };
};

const mathRandom = (start: Json, end: Json, seed: Json | undefined): number => {
  const a = integer(start, 'MathRandom');
  const b = integer(end, 'MathRandom');
  const random = seed === undefined ? Math.random() : seededRandom(integer(seed, 'MathRandom'));
  return a + Math.floor(random * (b - a));
};

// mulberry32: a seed always gives the same number, as AWS promises for the seeded form.
const seededRandom = (seed: number): number => {
  let t = (seed + 0x6d2b79f5) | 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const stringSplit = (value: Json, delimiters: Json): string[] => {
  const text = string(value, 'StringSplit');
  const chars = new Set(string(delimiters, 'StringSplit'));
  const out: string[] = [];
  let current = '';
  for (const c of text) {
    if (chars.has(c)) {
      if (current) out.push(current);
      current = '';
    } else current += c;
  }
  if (current) out.push(current);
  return out;
};

export const canonical = (value: Json): string => {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isJsonObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k] as Json)}`).join(',')}}`;
  }
  return JSON.stringify(value);
};

export const deepEqual = (a: Json, b: Json): boolean => canonical(a) === canonical(b);

class IntrinsicParser extends TextCursor {
  parseCall(): IntrinsicCall {
    this.skipSpaces();
    const match = /^States\.[A-Za-z0-9]+/.exec(this.src.slice(this.pos));
    if (!match) this.error('expected States.<Function>(');
    const name = (match as RegExpExecArray)[0];
    const fn = functions[name];
    if (!fn) this.error(`unknown intrinsic function ${name}`);
    this.pos += name.length;
    this.skipSpaces();
    this.expect('(');
    const args: Arg[] = [];
    this.skipSpaces();
    if (this.src[this.pos] !== ')') {
      for (;;) {
        // Only Format's template keeps its escaped braces, to tell them from placeholders.
        args.push(this.parseArg(name === 'States.Format' && args.length === 0));
        this.skipSpaces();
        if (this.src[this.pos] === ',') {
          this.pos++;
          continue;
        }
        break;
      }
    }
    this.expect(')');
    const spec = fn as (typeof functions)[string];
    if (args.length < spec.min || args.length > spec.max) {
      this.error(
        `${name} takes ${spec.min === spec.max ? spec.min : `${spec.min} or more`} arguments, got ${args.length}`,
      );
    }
    return { name, args };
  }

  end(): void {
    this.skipSpaces();
    if (this.pos !== this.src.length) this.error('unexpected text after the call');
  }

  private parseArg(template: boolean): Arg {
    this.skipSpaces();
    const c = this.src[this.pos];
    if (c === "'") return { kind: 'literal', value: this.readString(template) };
    if (c === '$') {
      const start = this.pos;
      let depth = 0;
      let quote: string | null = null;
      while (this.pos < this.src.length) {
        const ch = this.src[this.pos] as string;
        if (quote) {
          if (ch === quote) quote = null;
        } else if (ch === "'" || ch === '"') quote = ch;
        else if (ch === '[' || ch === '(') depth++;
        else if (ch === ']' || (ch === ')' && depth > 0)) depth--;
        else if ((ch === ',' || ch === ')') && depth === 0) break;
        this.pos++;
      }
      const path = this.src.slice(start, this.pos).trim();
      try {
        parsePath(path);
      } catch (error) {
        this.error((error as Error).message);
      }
      return { kind: 'path', path };
    }
    if (this.src.startsWith('States.', this.pos)) return { kind: 'call', call: this.parseCall() };
    const number = this.readNumber();
    if (number !== undefined) return { kind: 'literal', value: number };
    const keyword = this.readKeyword();
    if (keyword) return { kind: 'literal', value: keyword.value };
    return this.error('expected a string, number, boolean, null, path or intrinsic function');
  }

  // Inside quotes, \' \{ \} and \\ are escapes.
  private readString(keepBraceEscapes: boolean): string {
    this.pos++;
    let out = '';
    while (this.pos < this.src.length && this.src[this.pos] !== "'") {
      const ch = this.src[this.pos] as string;
      if (ch === '\\') {
        const next = this.src[this.pos + 1] ?? '';
        out += keepBraceEscapes && (next === '{' || next === '}' || next === '\\') ? `\\${next}` : next;
        this.pos += 2;
        continue;
      }
      out += ch;
      this.pos++;
    }
    if (this.src[this.pos] !== "'") this.error('unterminated string');
    this.pos++;
    return out;
  }

  protected error(message: string): never {
    throw new IntrinsicSyntaxError(
      `invalid intrinsic ${JSON.stringify(this.src)} at ${this.pos}: ${message}`,
    );
  }
}
