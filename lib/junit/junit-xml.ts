/**
 * JUnit XML, the report format every CI server (Jenkins, GitHub Actions, GitLab) shows as tests:
 * one test case per validation rule or quality gate.
 */
export interface JunitCase {
  name: string;
  status: 'pass' | 'fail' | 'skipped';
  /** One line: why it failed or was skipped. */
  message?: string;
  /** Longer text: values, thresholds, examples. */
  details?: string;
}

export const junitXml = (suite: string, cases: readonly JunitCase[]): string => {
  const failures = cases.filter((c) => c.status === 'fail').length;
  const skipped = cases.filter((c) => c.status === 'skipped').length;
  const body = cases.map((c) => {
    const open = `    <testcase classname="${escapeXml(suite)}" name="${escapeXml(c.name)}"`;
    const details = c.details ? `\n      <system-out>${escapeXml(c.details)}</system-out>` : '';
    if (c.status === 'pass') return details ? `${open}>${details}\n    </testcase>` : `${open}/>`;
    const tag = c.status === 'fail' ? 'failure' : 'skipped';
    const inner =
      c.status === 'fail'
        ? `<failure message="${escapeXml(c.message ?? '')}">${escapeXml(c.details ?? c.message ?? '')}</failure>`
        : `<skipped message="${escapeXml(c.message ?? '')}"/>`;
    return `${open}>\n      ${inner}${tag === 'skipped' ? details : ''}\n    </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="conveyor" tests="${cases.length}" failures="${failures}" skipped="${skipped}">`,
    `  <testsuite name="${escapeXml(suite)}" tests="${cases.length}" failures="${failures}" skipped="${skipped}">`,
    ...body,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
};

// XML 1.0 forbids most control characters even when escaped; drop them.
const escapeXml = (text: string): string =>
  [...text]
    .filter((ch) => ch >= ' ' || ch === '\n' || ch === '\r' || ch === '\t')
    .join('')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
