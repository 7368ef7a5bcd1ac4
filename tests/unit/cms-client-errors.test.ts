/**
 * The CMS's error translation and client keys, without a server: the database drivers the
 * integration tests do not run (PostgreSQL, a lost connection) and the IPv6 grouping of the limiter.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clientKey } from '../../cms/src/middlewares/auth-guard';
import { boundDetails, toClientError } from '../../cms/src/utils/client-errors';

const error = (fields: Record<string, unknown>, message = 'select `t0`.* from `articles` where secret') =>
  Object.assign(new Error(message), fields);

describe('toClientError', () => {
  it.each([
    ['SQLite: a pattern too long', { name: 'SqliteError', code: 'SQLITE_ERROR' }, 400],
    ['SQLite: too many variables', { name: 'SqliteError', code: 'SQLITE_RANGE' }, 400],
    ['SQLite: busy', { name: 'SqliteError', code: 'SQLITE_BUSY' }, 503],
    ['PostgreSQL: value too long', { severity: 'ERROR', code: '22001' }, 400],
    ['PostgreSQL: too many parameters', { severity: 'ERROR', code: '54000' }, 400],
    ['PostgreSQL: shutting down', { severity: 'FATAL', code: '57P01' }, 503],
    ['PostgreSQL: connection lost', { severity: 'FATAL', code: '08006' }, 503],
    ['no database server', { code: 'ECONNREFUSED' }, 503],
    ['pool exhausted', { name: 'KnexTimeoutError' }, 503],
    ['Strapi: a null in a required column', { name: 'NotNullError' }, 400],
    ['gzip that is not', { code: 'Z_DATA_ERROR' }, 400],
    ['brotli that is not', { code: 'ERR__ERROR_FORMAT_PADDING_1' }, 400],
    ['multipart without a boundary', { httpCode: 400 }, 400],
    ['a multipart parser failure', { httpCode: 500 }, 400],
  ])('%s → %i, without the message', (_label, fields, status) => {
    const answer = toClientError(error(fields));
    expect(answer?.status).toBe(status);
    expect(answer?.message).not.toMatch(/select|secret/);
  });

  it('keeps a 4xx status and its (short) message from the body parsers', () => {
    const answer = toClientError(error({ status: 413 }, `request entity too large ${'x'.repeat(5000)}`));
    expect(answer?.status).toBe(413);
    expect(answer?.message.length).toBeLessThanOrEqual(200);
  });

  it('leaves server faults alone (they stay a logged 500)', () => {
    expect(toClientError(new TypeError('x is undefined'))).toBeUndefined();
    expect(toClientError(error({ status: 500 }))).toBeUndefined();
    expect(toClientError('text')).toBeUndefined();
  });
});

describe('boundDetails', () => {
  it('keeps at most 20 short errors and never the values sent', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            path: fc.array(fc.string({ maxLength: 500 }), { maxLength: 30 }),
            message: fc.string({ maxLength: 5000 }),
            value: fc.anything(),
          }),
          { maxLength: 100 },
        ),
        (errors) => {
          const bounded = boundDetails({ errors }) as { errors: Record<string, unknown>[] };
          expect(bounded.errors.length).toBeLessThanOrEqual(20);
          expect(JSON.stringify(bounded).length).toBeLessThan(20 * 1024);
          for (const item of bounded.errors) expect(item).not.toHaveProperty('value');
        },
      ),
    );
  });

  it('drops large details of any other shape', () => {
    expect(boundDetails({ huge: 'x'.repeat(5000) })).toEqual({});
    expect(boundDetails({ small: 1 })).toEqual({ small: 1 });
  });
});

describe('clientKey', () => {
  it('groups IPv6 by /64 and unwraps IPv4-mapped addresses', () => {
    expect(clientKey('2001:db8:1:2::1')).toBe(clientKey('2001:0db8:0001:0002:ffff:1:2:3'));
    expect(clientKey('2001:db8:1:2::1')).not.toBe(clientKey('2001:db8:1:3::1'));
    expect(clientKey('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(clientKey('192.0.2.7')).toBe('192.0.2.7');
    expect(clientKey('::1')).toBe(clientKey('0:0:0:0:0:0:0:1'));
  });
});
