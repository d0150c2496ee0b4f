import { createHmac, timingSafeEqual } from 'node:crypto';

const PREFIX = 'sha256=';

/**
 * Checks GitHub's `X-Hub-Signature-256` (sha256=<hex HMAC of the raw body>) in constant time. Any
 * malformed header is simply invalid; the reason is never told to the caller.
 */
export const verifyGitHubSignature = (body: Buffer, header: string | undefined, secret: string): boolean => {
  if (!header?.startsWith(PREFIX)) return false;
  const given = Buffer.from(header.slice(PREFIX.length), 'hex');
  const expected = createHmac('sha256', secret).update(body).digest();
  // The length of a SHA-256 digest is public, so checking it first leaks nothing.
  return given.length === expected.length && timingSafeEqual(given, expected);
};
