/**
 * The JSONPath that Step Functions accepts: `$` (state input), `$$` (context object) and `$name`
 * (a workflow variable), followed by `.name`, `['name']`, `[n]`, `[*]`, `.*`, `..name`, `[a:b]`,
 * `[a,b]` and `[?(@.x < 1)]` filters. A definite path selects one value; an indefinite one (wildcards,
 * filters, slices, unions, descent) selects an array of matches, as AWS does.
 */
import { isJsonObject, type Json } from './asl';
import { TextCursor } from './text-cursor';

type Segment =
  | { kind: 'key'; name: string }
  | { kind: 'index'; index: number }
  | { kind: 'wildcard' }
  | { kind: 'slice'; start?: number; end?: number; step: number }
  | { kind: 'union'; keys: (string | number)[] }
  | { kind: 'descend'; name: string | null }
  | { kind: 'filter'; test: FilterExpr };

type FilterExpr =
  | { op: 'exists'; path: Segment[] }
  | { op: '==' | '!=' | '<' | '<=' | '>' | '>='; path: Segment[]; value: Json }
  | { op: '&&' | '||'; left: FilterExpr; right: FilterExpr };

export type PathRoot = { kind: 'input' } | { kind: 'context' } | { kind: 'variable'; name: string };

export interface ParsedPath {
  source: string;
  root: PathRoot;
  segments: Segment[];
  /** True when the path can select at most one value (a "reference path"). */
  definite: boolean;
}

export class JsonPathSyntaxError extends Error {
  override name = 'JsonPathSyntaxError' as const;
}

/** Scope a path reads from. */
export interface PathData {
  input: Json;
  context?: Json;
  variables?: Record<string, Json>;
}

const NOT_FOUND: unique symbol = Symbol('not found');
export type Found = Json | typeof NOT_FOUND;
export const notFound = NOT_FOUND;

const cache = new Map<string, ParsedPath>();

export const parsePath = (source: string): ParsedPath => {
  const cached = cache.get(source);
  if (cached) return cached;
  const parsed = new PathParser(source).parse();
  if (cache.size > 10_000) cache.clear();
  cache.set(source, parsed);
  return parsed;
};

export const isValidPath = (source: string): boolean => {
  try {
    parsePath(source);
    return true;
  } catch {
    return false;
  }
};

/** Evaluates `path`; returns `notFound` when a definite path selects nothing. */
export const readPath = (path: string | ParsedPath, data: PathData): Found => {
  const parsed = typeof path === 'string' ? parsePath(path) : path;
  let root: Json | undefined;
  if (parsed.root.kind === 'input') root = data.input;
  else if (parsed.root.kind === 'context') root = data.context;
  else {
    const variables = data.variables;
    root = variables && parsed.root.name in variables ? variables[parsed.root.name] : undefined;
  }
  if (root === undefined) return NOT_FOUND;
  if (parsed.definite) return readDefinite(root, parsed.segments);
  return select([root], parsed.segments);
};

const readDefinite = (root: Json, segments: Segment[]): Found => {
  let current: Json = root;
  for (const segment of segments) {
    if (segment.kind === 'key') {
      if (!isJsonObject(current) || !Object.hasOwn(current, segment.name)) return NOT_FOUND;
      current = current[segment.name] as Json;
    } else if (segment.kind === 'index') {
      if (!Array.isArray(current)) return NOT_FOUND;
      const index = segment.index < 0 ? current.length + segment.index : segment.index;
      if (index < 0 || index >= current.length) return NOT_FOUND;
      current = current[index] as Json;
    } else return NOT_FOUND;
  }
  return current;
};

const select = (nodes: Json[], segments: Segment[]): Json[] => {
  let current = nodes;
  for (const segment of segments) {
    const next: Json[] = [];
    for (const node of current) step(node, segment, next);
    current = next;
  }
  return current;
};

const children = (node: Json): Json[] =>
  Array.isArray(node) ? node : isJsonObject(node) ? Object.values(node) : [];

const step = (node: Json, segment: Segment, out: Json[]): void => {
  switch (segment.kind) {
    case 'key':
      if (isJsonObject(node) && Object.hasOwn(node, segment.name)) out.push(node[segment.name] as Json);
      return;
    case 'index': {
      if (!Array.isArray(node)) return;
      const index = segment.index < 0 ? node.length + segment.index : segment.index;
      if (index >= 0 && index < node.length) out.push(node[index] as Json);
      return;
    }
    case 'wildcard':
      out.push(...children(node));
      return;
    case 'slice': {
      if (!Array.isArray(node)) return;
      const length = node.length;
      const norm = (n: number) => (n < 0 ? Math.max(0, length + n) : Math.min(n, length));
      const start = norm(segment.start ?? 0);
      const end = norm(segment.end ?? length);
      for (let i = start; i < end; i += segment.step) out.push(node[i] as Json);
      return;
    }
    case 'union':
      for (const key of segment.keys) {
        step(node, typeof key === 'number' ? { kind: 'index', index: key } : { kind: 'key', name: key }, out);
      }
      return;
    case 'descend': {
      const visit = (value: Json): void => {
        if (segment.name === null) out.push(...children(value));
        else step(value, { kind: 'key', name: segment.name }, out);
        for (const child of children(value)) visit(child);
      };
      visit(node);
      return;
    }
    case 'filter':
      for (const child of children(node)) if (testFilter(segment.test, child)) out.push(child);
      return;
  }
};

const testFilter = (expr: FilterExpr, node: Json): boolean => {
  if ('left' in expr) {
    const left = testFilter(expr.left, node);
    return expr.op === '&&' ? left && testFilter(expr.right, node) : left || testFilter(expr.right, node);
  }
  if (expr.op === 'exists') return readDefinite(node, expr.path) !== NOT_FOUND;
  const found = readDefinite(node, expr.path);
  if (found === NOT_FOUND) return false;
  const right = expr.value;
  switch (expr.op) {
    case '==':
      return JSON.stringify(found) === JSON.stringify(right);
    case '!=':
      return JSON.stringify(found) !== JSON.stringify(right);
    default: {
      if (typeof found !== typeof right || (typeof found !== 'number' && typeof found !== 'string'))
        return false;
      const a = found as number | string;
      const b = right as number | string;
      if (expr.op === '<') return a < b;
      if (expr.op === '<=') return a <= b;
      if (expr.op === '>') return a > b;
      return a >= b;
    }
  }
};

const NAME_CHAR = /[^.[\]\s()'"=!<>&|,@$]/;

class PathParser extends TextCursor {
  parse(): ParsedPath {
    const root = this.parseRoot();
    const segments = this.parseSegments(false);
    if (this.pos !== this.src.length) this.error(`unexpected "${this.src[this.pos]}"`);
    const definite = segments.every((s) => s.kind === 'key' || s.kind === 'index');
    return { source: this.src, root, segments, definite };
  }

  private parseRoot(): PathRoot {
    if (this.src[this.pos] !== '$') this.error('a path starts with $');
    this.pos++;
    if (this.src[this.pos] === '$') {
      this.pos++;
      return { kind: 'context' };
    }
    const name = this.readName();
    return name ? { kind: 'variable', name } : { kind: 'input' };
  }

  private parseSegments(inFilter: boolean): Segment[] {
    const segments: Segment[] = [];
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (c === '.') {
        if (this.src[this.pos + 1] === '.') {
          this.pos += 2;
          if (this.src[this.pos] === '*') {
            this.pos++;
            segments.push({ kind: 'descend', name: null });
          } else {
            const name = this.readName();
            if (!name) this.error('expected a name after ..');
            segments.push({ kind: 'descend', name });
          }
          continue;
        }
        this.pos++;
        if (this.src[this.pos] === '*') {
          this.pos++;
          segments.push({ kind: 'wildcard' });
          continue;
        }
        const name = this.readName();
        if (!name) this.error('expected a name after .');
        segments.push({ kind: 'key', name });
      } else if (c === '[') {
        this.pos++;
        segments.push(this.parseBracket());
      } else if (inFilter) break;
      else this.error(`unexpected "${c}"`);
    }
    return segments;
  }

  private parseBracket(): Segment {
    this.skipSpaces();
    const c = this.src[this.pos];
    let segment: Segment;
    if (c === '*') {
      this.pos++;
      segment = { kind: 'wildcard' };
    } else if (c === '?') {
      this.pos++;
      this.expect('(');
      const test = this.parseFilterOr();
      this.expect(')');
      segment = { kind: 'filter', test };
    } else {
      const keys: (string | number)[] = [];
      const first = this.readKeyOrNumber(true);
      if (this.src[this.pos] === ':') {
        segment = this.parseSlice(typeof first === 'number' ? first : undefined);
        this.expect(']');
        return segment;
      }
      if (first === undefined) this.error('expected an index, a quoted name, *, a slice or a filter');
      keys.push(first as string | number);
      while (this.src[this.pos] === ',') {
        this.pos++;
        const key = this.readKeyOrNumber(false);
        if (key === undefined) this.error('expected an index or a quoted name after ,');
        keys.push(key as string | number);
      }
      const only = keys[0] as string | number;
      if (keys.length === 1) {
        segment = typeof only === 'number' ? { kind: 'index', index: only } : { kind: 'key', name: only };
      } else segment = { kind: 'union', keys };
    }
    this.expect(']');
    return segment;
  }

  private parseSlice(start: number | undefined): Segment {
    this.pos++;
    const end = this.readNumber();
    let stepValue = 1;
    if (this.src[this.pos] === ':') {
      this.pos++;
      stepValue = this.readNumber() ?? 1;
      if (stepValue <= 0) this.error('slice step must be positive');
    }
    return { kind: 'slice', start, end, step: stepValue };
  }

  private readKeyOrNumber(allowEmpty: boolean): string | number | undefined {
    this.skipSpaces();
    const c = this.src[this.pos];
    let value: string | number | undefined;
    if (c === "'" || c === '"') value = this.readQuoted();
    else value = this.readNumber();
    if (value === undefined && !allowEmpty) return undefined;
    this.skipSpaces();
    return value;
  }

  private readQuoted(): string {
    const quote = this.src[this.pos];
    this.pos++;
    let out = '';
    while (this.pos < this.src.length && this.src[this.pos] !== quote) {
      if (this.src[this.pos] === '\\') this.pos++;
      out += this.src[this.pos];
      this.pos++;
    }
    if (this.src[this.pos] !== quote) this.error('unterminated quoted name');
    this.pos++;
    return out;
  }

  private readName(): string {
    const start = this.pos;
    while (this.pos < this.src.length && NAME_CHAR.test(this.src[this.pos] as string)) this.pos++;
    return this.src.slice(start, this.pos);
  }

  private parseFilterOr(): FilterExpr {
    let left = this.parseFilterAnd();
    while (this.peekOp('||')) left = { op: '||', left, right: this.parseFilterAnd() };
    return left;
  }

  private parseFilterAnd(): FilterExpr {
    let left = this.parseFilterTerm();
    while (this.peekOp('&&')) left = { op: '&&', left, right: this.parseFilterTerm() };
    return left;
  }

  private parseFilterTerm(): FilterExpr {
    this.skipSpaces();
    if (this.src[this.pos] === '(') {
      this.pos++;
      const inner = this.parseFilterOr();
      this.expect(')');
      return inner;
    }
    if (this.src[this.pos] !== '@') this.error('a filter tests @');
    this.pos++;
    const path = this.parseSegments(true);
    if (!path.every((s) => s.kind === 'key' || s.kind === 'index'))
      this.error('filter paths must be definite');
    this.skipSpaces();
    const op = /^(==|!=|<=|>=|<|>)/.exec(this.src.slice(this.pos))?.[0] as
      | '=='
      | '!='
      | '<'
      | '<='
      | '>'
      | '>='
      | undefined;
    if (!op) return { op: 'exists', path };
    this.pos += op.length;
    this.skipSpaces();
    return { op, path, value: this.readLiteral() };
  }

  private readLiteral(): Json {
    const c = this.src[this.pos];
    if (c === "'" || c === '"') return this.readQuoted();
    const number = this.readNumber();
    if (number !== undefined) return number;
    const keyword = this.readKeyword();
    if (keyword) return keyword.value;
    return this.error('expected a literal');
  }

  private peekOp(op: string): boolean {
    this.skipSpaces();
    if (!this.src.startsWith(op, this.pos)) return false;
    this.pos += op.length;
    return true;
  }

  protected error(message: string): never {
    throw new JsonPathSyntaxError(`invalid JSONPath ${JSON.stringify(this.src)} at ${this.pos}: ${message}`);
  }
}

/**
 * Writes `value` at reference path `path` (ResultPath) into a copy of `target`, creating missing
 * objects. Returns undefined when the path runs into a value that is not an object or array.
 */
export const writePath = (target: Json, path: ParsedPath, value: Json): Json | undefined => {
  if (path.segments.length === 0) return value;
  const write = (node: Json, depth: number): Json | undefined => {
    const segment = path.segments[depth] as Segment;
    const last = depth === path.segments.length - 1;
    if (segment.kind === 'key') {
      if (!isJsonObject(node)) return undefined;
      const child = last
        ? value
        : write(Object.hasOwn(node, segment.name) ? (node[segment.name] as Json) : {}, depth + 1);
      if (child === undefined) return undefined;
      return { ...node, [segment.name]: child };
    }
    if (segment.kind === 'index') {
      if (!Array.isArray(node) || segment.index >= node.length || segment.index < 0) return undefined;
      const child = last ? value : write(node[segment.index] as Json, depth + 1);
      if (child === undefined) return undefined;
      const copy = [...node];
      copy[segment.index] = child;
      return copy;
    }
    return undefined;
  };
  return write(target, 0);
};
