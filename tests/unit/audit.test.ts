import { describe, expect, it } from 'vitest';
import { unexplained, type AuditReport } from '../../scripts/audit';

const report: AuditReport = {
  vulnerabilities: {
    koa: { severity: 'high', via: [{ title: 'Open redirect', url: 'https://github.com/advisories/GHSA-1' }] },
    '@strapi/core': { severity: 'high', via: ['koa'] },
    lodash: { severity: 'critical', via: [{ title: 'Prototype pollution', url: 'https://github.com/advisories/GHSA-2' }] },
    debug: { severity: 'moderate', via: [{ title: 'ReDoS', url: 'https://github.com/advisories/GHSA-3' }] },
  },
};

describe('npm audit judged', () => {
  it('names every high or critical advisory, once, at the package that has it', () => {
    expect(unexplained(report, [])).toEqual([
      'high: koa: Open redirect (https://github.com/advisories/GHSA-1)',
      'critical: lodash: Prototype pollution (https://github.com/advisories/GHSA-2)',
    ]);
  });

  it('accepts one only when an exception names that package and that advisory', () => {
    const why = 'not reachable: ...';
    expect(unexplained(report, [{ package: 'koa', advisory: 'https://github.com/advisories/GHSA-1', why }])).toHaveLength(1);
    expect(unexplained(report, [{ package: 'koa', advisory: 'https://github.com/advisories/GHSA-2', why }])).toHaveLength(2);
    expect(unexplained({ vulnerabilities: {} }, [])).toEqual([]);
  });
});
