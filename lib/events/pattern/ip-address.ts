/**
 * IPv4 and IPv6 addresses as numbers, for `cidr` matching and for exact patterns that are IP addresses
 * (EventBridge treats "10.0.0.1" in a pattern as the address, so an equivalent spelling matches).
 */

export interface IpValue {
  version: 4 | 6;
  value: bigint;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

const parseIpv4 = (text: string): bigint | undefined => {
  const match = IPV4.exec(text);
  if (!match) return undefined;
  let value = 0n;
  for (const part of match.slice(1)) {
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = (value << 8n) | BigInt(octet);
  }
  return value;
};

const parseIpv6 = (text: string): bigint | undefined => {
  if (!/^[0-9a-fA-F:.]+$/.test(text) || !text.includes(':')) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (part: string): number[] | undefined => {
    if (part === '') return [];
    const out: number[] = [];
    const pieces = part.split(':');
    for (const [i, piece] of pieces.entries()) {
      // An embedded IPv4 address may end an IPv6 address (::ffff:10.0.0.1).
      if (i === pieces.length - 1 && piece.includes('.')) {
        const v4 = parseIpv4(piece);
        if (v4 === undefined) return undefined;
        out.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
      } else {
        if (!/^[0-9a-fA-F]{1,4}$/.test(piece)) return undefined;
        out.push(Number.parseInt(piece, 16));
      }
    }
    return out;
  };
  const head = groups(halves[0] ?? '');
  const tail = halves.length === 2 ? groups(halves[1] ?? '') : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  let value = 0n;
  for (const group of [...head, ...new Array<number>(missing).fill(0), ...tail]) {
    value = (value << 16n) | BigInt(group);
  }
  return value;
};

export const parseIp = (text: string): IpValue | undefined => {
  const v4 = parseIpv4(text);
  if (v4 !== undefined) return { version: 4, value: v4 };
  const v6 = parseIpv6(text);
  return v6 === undefined ? undefined : { version: 6, value: v6 };
};

export interface IpRange {
  version: 4 | 6;
  low: bigint;
  high: bigint;
}

/** Parses `a.b.c.d/n` or `x:y::/n`; returns an error reason instead of throwing. */
export const parseCidr = (text: string): IpRange | string => {
  const parts = text.split('/');
  if (parts.length !== 2) return "Malformed CIDR, one '/' required";
  const [address = '', bitsText = ''] = parts;
  const ip = parseIp(address);
  if (!ip) return `Invalid IP address: ${address}`;
  const width = ip.version === 4 ? 32 : 128;
  const bits = /^\d+$/.test(bitsText) ? Number(bitsText) : Number.NaN;
  if (!Number.isInteger(bits) || bits < 0 || bits > width) return `Invalid CIDR bit count: ${bitsText}`;
  const hostBits = BigInt(width - bits);
  const low = (ip.value >> hostBits) << hostBits;
  return { version: ip.version, low, high: low + (1n << hostBits) - 1n };
};

export const inRange = (range: IpRange, text: string): boolean => {
  const ip = parseIp(text);
  return ip !== undefined && ip.version === range.version && ip.value >= range.low && ip.value <= range.high;
};
