/**
 * Maps a field path in a parsed YAML document back to a line and column, so that every problem a user
 * sees points at the place in the file to fix.
 */
import { type Document, isMap, isPair, isScalar, isSeq, type LineCounter, type Node } from 'yaml';

export interface Position {
  line: number;
  column: number;
}

/**
 * Position of the deepest node that exists along `path`. When `key` is given, the position of that key
 * inside the map at `path` (used for unknown keys, which have no value node in the schema's eyes).
 */
export const locate = (
  doc: Document,
  lines: LineCounter,
  path: readonly PropertyKey[],
  key?: string,
): Position => {
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (const segment of path) {
    const next = child(node, segment);
    if (next === undefined) break;
    node = next.value;
    offset = rangeStart(node) ?? next.keyOffset ?? offset;
  }
  if (key !== undefined && isMap(node)) {
    const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === key);
    const keyStart = pair && rangeStart(pair.key);
    if (keyStart !== undefined) offset = keyStart;
  }
  const { line, col } = lines.linePos(offset);
  return { line, column: col };
};

const rangeStart = (node: unknown): number | undefined => (node as Node | null)?.range?.[0];

const child = (node: unknown, segment: PropertyKey): { value: unknown; keyOffset?: number } | undefined => {
  if (isMap(node)) {
    const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
    if (!pair) return undefined;
    return { value: pair.value ?? pair.key, keyOffset: rangeStart(pair.key) };
  }
  if (isSeq(node) && typeof segment === 'number') {
    const item = node.items[segment];
    return item === undefined ? undefined : { value: item };
  }
  return undefined;
};
