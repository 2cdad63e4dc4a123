import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXCEPTIONS_PATH, evaluateAudit } from '../../scripts/audit.ts';

/** The shape of `npm audit --json` (auditReportVersion 2), trimmed to what the audit reads. */
function report(vulnerabilities: Record<string, { via: unknown[] }>): string {
  return JSON.stringify({ auditReportVersion: 2, vulnerabilities, metadata: {} });
}

const advisory = (id: string, severity: string, name = 'some-lib') => ({
  source: 1_000_001,
  name,
  dependency: name,
  title: `A ${severity} problem`,
  url: `https://github.com/advisories/${id}`,
  severity,
});

describe('scripts/audit.ts', () => {
  it('blocks high and critical advisories that are not excepted; moderate ones pass', () => {
    const outcome = evaluateAudit(
      report({
        'some-lib': {
          via: [advisory('GHSA-aaaa-bbbb-cccc', 'high'), advisory('GHSA-dddd-eeee-ffff', 'moderate')],
        },
        'uses-lib': { via: ['some-lib'] },
        other: { via: [advisory('GHSA-1111-2222-3333', 'critical', 'other')] },
      }),
      {
        exceptions: [
          {
            advisory: 'GHSA-1111-2222-3333',
            package: 'other',
            reason: 'only reachable from a CLI we do not ship',
          },
        ],
      },
    );
    expect(outcome).toEqual({
      kind: 'done',
      blocking: [
        { advisory: 'GHSA-aaaa-bbbb-cccc', package: 'some-lib', severity: 'high', title: 'A high problem' },
      ],
      excepted: [
        {
          advisory: 'GHSA-1111-2222-3333',
          package: 'other',
          severity: 'critical',
          title: 'A critical problem',
        },
      ],
    });
  });

  it('passes a clean report', () => {
    expect(evaluateAudit(report({}), { exceptions: [] })).toEqual({
      kind: 'done',
      blocking: [],
      excepted: [],
    });
  });

  it('says the audit was not done when the endpoint answers an error or nothing', () => {
    const refused = JSON.stringify({
      message: '405 Method Not Allowed - POST /-/npm/v1/security/advisories/bulk',
      statusCode: 405,
    });
    expect(evaluateAudit(refused, { exceptions: [] })).toEqual({
      kind: 'unavailable',
      reason: '405 Method Not Allowed - POST /-/npm/v1/security/advisories/bulk',
    });
    expect(evaluateAudit('', { exceptions: [] }).kind).toBe('unavailable');
  });

  it('has a committed exception list where every entry gives a reason', () => {
    const file = JSON.parse(readFileSync(EXCEPTIONS_PATH, 'utf8')) as {
      exceptions: Array<{ reason: string }>;
    };
    expect(Array.isArray(file.exceptions)).toBe(true);
    for (const exception of file.exceptions) expect(exception.reason.length).toBeGreaterThanOrEqual(20);
  });
});
