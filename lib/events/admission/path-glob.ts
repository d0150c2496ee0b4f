/**
 * Repository path globs, as `model.paths` writes them: `**` any number of directories, `*` and `?`
 * within one path segment. A pattern ending in `/` (or `/**`) covers everything below it.
 */
const cache = new Map<string, RegExp>();

export const globToRegExp = (glob: string): RegExp => {
  const cached = cache.get(glob);
  if (cached) return cached;
  const normalized = glob.replace(/^\.\//, '').replace(/\/$/, '/**');
  let source = '';
  for (let i = 0; i < normalized.length; i++) {
    const char = normalized[i] as string;
    if (char === '*' && normalized[i + 1] === '*') {
      const slash = normalized[i + 2] === '/';
      source += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  const regex = new RegExp(`^${source}$`);
  cache.set(glob, regex);
  return regex;
};

/** The files that any of the globs match. */
export const filesMatching = (files: readonly string[], globs: readonly string[]): string[] => {
  const regexes = globs.map(globToRegExp);
  return files.filter((file) => regexes.some((regex) => regex.test(file.replace(/^\.?\//, ''))));
};
