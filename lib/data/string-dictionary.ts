/**
 * Interns the distinct values of a string column, up to a capacity, so that counting and rule checks
 * run on integer codes. CSV bytes are hashed and compared in place: a repeated value costs no string.
 * Beyond the capacity, `intern*` returns -1 and memory stays bounded.
 */
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

export class StringDictionary {
  readonly values: string[] = [];
  private table = new Int32Array(1024); // code + 1 per slot, 0 = empty
  private hashes = new Int32Array(256);
  private arena = Buffer.allocUnsafe(4096);
  private arenaUsed = 0;
  private arenaStart = new Int32Array(256);
  private arenaEnd = new Int32Array(256);
  private readonly byText = new Map<string, number>();
  /** Values of at most 6 bytes, packed with their length into one exact double, by open addressing. */
  private shortKeys = new Float64Array(1024);
  private shortCodes = new Int32Array(1024);
  private shortCount = 0;

  constructor(readonly capacity = 65_536) {}

  get size(): number {
    return this.values.length;
  }

  get full(): boolean {
    return this.values.length >= this.capacity;
  }

  internBytes(buf: Buffer, start: number, end: number): number {
    const length = end - start;
    if (length <= 6) return this.internShort(buf, start, end);
    return this.internLong(buf, start, end);
  }

  private internShort(buf: Buffer, start: number, end: number): number {
    let key = end - start;
    for (let i = start; i < end; i++) key = key * 256 + (buf[i] as number);
    const mask = this.shortKeys.length - 1;
    let slot = shortHash(key) & mask;
    for (;;) {
      const code = (this.shortCodes[slot] as number) - 1;
      if (code < 0) break;
      if (this.shortKeys[slot] === key) return code;
      slot = (slot + 1) & mask;
    }
    const code = this.internLong(buf, start, end);
    if (code < 0) return code;
    this.shortKeys[slot] = key;
    this.shortCodes[slot] = code + 1;
    if (++this.shortCount * 2 > this.shortKeys.length) this.growShort();
    return code;
  }

  private growShort(): void {
    const keys = this.shortKeys;
    const codes = this.shortCodes;
    this.shortKeys = new Float64Array(keys.length * 2);
    this.shortCodes = new Int32Array(keys.length * 2);
    const mask = this.shortKeys.length - 1;
    for (let old = 0; old < keys.length; old++) {
      if (codes[old] === 0) continue;
      const key = keys[old] as number;
      let slot = shortHash(key) & mask;
      while (this.shortCodes[slot] !== 0) slot = (slot + 1) & mask;
      this.shortKeys[slot] = key;
      this.shortCodes[slot] = codes[old] as number;
    }
  }

  private internLong(buf: Buffer, start: number, end: number): number {
    let hash = FNV_OFFSET;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ (buf[i] as number), FNV_PRIME);
    const mask = this.table.length - 1;
    let slot = (hash ^ (hash >>> 15)) & mask;
    const length = end - start;
    for (;;) {
      const entry = this.table[slot] as number;
      if (entry === 0) break;
      const code = entry - 1;
      if (this.hashes[code] === hash) {
        const from = this.arenaStart[code] as number;
        if ((this.arenaEnd[code] as number) - from === length && this.sameBytes(buf, start, from, length)) {
          return code;
        }
      }
      slot = (slot + 1) & mask;
    }
    const text = buf.toString('utf8', start, end);
    const known = this.byText.get(text);
    if (known !== undefined) return known;
    if (this.full) return -1;
    return this.add(text, buf, start, end, hash);
  }

  internString(text: string): number {
    const known = this.byText.get(text);
    if (known !== undefined) return known;
    if (this.full) return -1;
    const bytes = Buffer.from(text, 'utf8');
    let hash = FNV_OFFSET;
    for (let i = 0; i < bytes.length; i++) hash = Math.imul(hash ^ (bytes[i] as number), FNV_PRIME);
    return this.add(text, bytes, 0, bytes.length, hash);
  }

  private sameBytes(buf: Buffer, start: number, from: number, length: number): boolean {
    const arena = this.arena;
    for (let i = 0; i < length; i++) if (buf[start + i] !== arena[from + i]) return false;
    return true;
  }

  private add(text: string, buf: Buffer, start: number, end: number, hash: number): number {
    const code = this.values.length;
    this.values.push(text);
    this.byText.set(text, code);
    if (code >= this.hashes.length) {
      this.hashes = grow(this.hashes, code * 2);
      this.arenaStart = grow(this.arenaStart, code * 2);
      this.arenaEnd = grow(this.arenaEnd, code * 2);
    }
    const length = end - start;
    if (this.arenaUsed + length > this.arena.length) {
      const next = Buffer.allocUnsafe(Math.max(this.arena.length * 2, this.arenaUsed + length));
      this.arena.copy(next, 0, 0, this.arenaUsed);
      this.arena = next;
    }
    buf.copy(this.arena, this.arenaUsed, start, end);
    this.hashes[code] = hash;
    this.arenaStart[code] = this.arenaUsed;
    this.arenaEnd[code] = this.arenaUsed + length;
    this.arenaUsed += length;
    if ((code + 1) * 2 > this.table.length) this.rehash(this.table.length * 2);
    else this.place(code);
    return code;
  }

  private place(code: number): void {
    const mask = this.table.length - 1;
    const hash = this.hashes[code] as number;
    let slot = (hash ^ (hash >>> 15)) & mask;
    while (this.table[slot] !== 0) slot = (slot + 1) & mask;
    this.table[slot] = code + 1;
  }

  private rehash(size: number): void {
    this.table = new Int32Array(size);
    for (let code = 0; code < this.values.length; code++) this.place(code);
  }
}

/**
 * Mixes a packed key of up to 56 bits into 32: multiply, then fold the high bits down, since the
 * low bits of a product depend only on the low bits of the key (the last byte of the value).
 */
const shortHash = (key: number): number => {
  const h = Math.imul((key | 0) ^ Math.imul((key / 4294967296) | 0, 0x85ebca6b), 0x9e3779b1);
  return h ^ (h >>> 15);
};

const grow = (old: Int32Array<ArrayBuffer>, size: number): Int32Array<ArrayBuffer> => {
  const next = new Int32Array(size);
  next.set(old);
  return next;
};
