/**
 * EventBridge wildcard patterns: `*` matches any run of characters (none included); `\*` is a literal
 * star and `\\` a literal backslash. Consecutive wildcards and other escapes are invalid, as in AWS.
 */

/** A regular expression for the wildcard pattern, or the reason it is invalid. */
export const compileWildcard = (pattern: string): RegExp | string => {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i] as string;
    if (char === '\\') {
      const next = pattern[i + 1];
      if (next !== '*' && next !== '\\') return `Invalid escape character at pos ${i}`;
      source += `\\${next}`;
      i++;
    } else if (char === '*') {
      if (pattern[i + 1] === '*') return `Consecutive wildcard characters at pos ${i + 1}`;
      source += '[\\s\\S]*';
    } else {
      source += char.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`, 'u');
};
