import { inRange, parseCidr, parseIp } from '../../../../lib/events/pattern/ip-address';

describe('IP addresses and CIDR ranges', () => {
  it('parses compressed, full and IPv4-embedded IPv6 spellings to the same address', () => {
    expect(parseIp('::ffff:10.0.0.1')).toEqual(parseIp('0:0:0:0:0:ffff:a00:1'));
    expect(parseIp('2001:db8::1')).toEqual(parseIp('2001:0db8:0:0:0:0:0:1'));
  });

  it.each(['1.2.3', '1.2.3.4.5', '256.0.0.1', '1::2::3', '12345::', 'g::1', 'hello'])(
    'rejects %s',
    (text) => {
      expect(parseIp(text)).toBeUndefined();
    },
  );

  it('keeps IPv4 and IPv6 ranges apart', () => {
    const range = parseCidr('0.0.0.0/0');
    if (typeof range === 'string') throw new Error(range);

    expect(inRange(range, '192.168.1.1')).toBe(true);
    expect(inRange(range, '::1')).toBe(false);
  });

  it('treats /32 as one address', () => {
    const range = parseCidr('10.1.2.3/32');
    if (typeof range === 'string') throw new Error(range);

    expect([inRange(range, '10.1.2.3'), inRange(range, '10.1.2.4')]).toEqual([true, false]);
  });
});
