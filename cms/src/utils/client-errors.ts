/**
 * What a client may learn from an error: a status and a short message. Database errors (which carry
 * the SQL and the values the client sent) and errors of reading the request body become short 4xx
 * answers; validation details are cut down so that an error never echoes unbounded input.
 */

export type ClientError = { status: number; name: string; message: string };

const MAX_MESSAGE = 200;
const MAX_DETAIL_ERRORS = 20;
const MAX_DETAILS_JSON = 1000;

export const truncate = (text: unknown, max = MAX_MESSAGE): string => {
  const value = typeof text === 'string' ? text : String(text ?? '');
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
};

type ErrorLike = {
  name?: unknown;
  code?: unknown;
  errno?: unknown;
  severity?: unknown;
  status?: unknown;
  statusCode?: unknown;
  httpCode?: unknown;
  message?: unknown;
};

// SQLite result codes and PostgreSQL SQLSTATE classes that mean "the database is not available right
// now", as opposed to "this query cannot run" (a value too long, too many variables, a bad type).
const SQLITE_UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|CANTOPEN|IOERR|FULL|NOMEM|READONLY|CORRUPT|NOTADB|PROTOCOL)/;
const POSTGRES_UNAVAILABLE = /^(08|53|57|58|XX)/;
const NETWORK_UNAVAILABLE = /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|EPIPE|EAI_AGAIN)$/;

function databaseError(error: ErrorLike): 'query' | 'unavailable' | undefined {
  const code = typeof error.code === 'string' ? error.code : '';
  if (error.name === 'SqliteError' || code.startsWith('SQLITE_')) return SQLITE_UNAVAILABLE.test(code) ? 'unavailable' : 'query';
  if (typeof error.severity === 'string' && /^[0-9A-Z]{5}$/.test(code))
    return POSTGRES_UNAVAILABLE.test(code) ? 'unavailable' : 'query';
  if (error.name === 'KnexTimeoutError' || NETWORK_UNAVAILABLE.test(code)) return 'unavailable';
  // @strapi/database's own errors (NotNullError, InvalidDateError, ...) are about the values sent.
  if (error.name === 'DatabaseError' || /^Invalid(Date|DateTime|Time|Relation)Error$|^NotNullError$/.test(String(error.name)))
    return 'query';
  return undefined;
}

const clientStatus = (value: unknown) => (typeof value === 'number' && value >= 400 && value < 500 ? value : undefined);

/**
 * The answer for an error that is not one of Strapi's own (those already say what they mean), or
 * undefined when it is a server fault that should stay a logged 500.
 */
export function toClientError(error: unknown): ClientError | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const e = error as ErrorLike;

  const database = databaseError(e);
  if (database === 'unavailable')
    return { status: 503, name: 'ServiceUnavailableError', message: 'The service is unavailable. Try again later.' };
  if (database === 'query')
    return {
      status: 400,
      name: 'BadRequestError',
      message: 'This query cannot be answered: a value is too long, a list too large or a value invalid.',
    };

  // Reading the body: zlib and brotli (a Content-Encoding that does not match the bytes), formidable (multipart),
  // raw-body and co-body (length, charset, JSON syntax). All of them are the request's fault.
  const code = typeof e.code === 'string' ? e.code : '';
  if (/^(Z_|ERR__ERROR_|ERR_BROTLI)/.test(code))
    return { status: 400, name: 'BadRequestError', message: 'The request body could not be decoded.' };
  if (typeof e.httpCode === 'number') {
    return { status: clientStatus(e.httpCode) ?? 400, name: 'BadRequestError', message: 'The request body could not be read.' };
  }
  if (e.name === 'URIError')
    return { status: 400, name: 'BadRequestError', message: 'The request has an invalid percent-encoding.' };
  const status = clientStatus(e.status) ?? clientStatus(e.statusCode);
  if (status) return { status, name: status === 413 ? 'PayloadTooLargeError' : 'BadRequestError', message: truncate(e.message) };
  return undefined;
}

type DetailError = { path?: unknown; message?: unknown; name?: unknown };

/** Validation details without the values sent, at most 20 errors with short paths and messages. */
export function boundDetails(details: unknown): Record<string, unknown> {
  if (!details || typeof details !== 'object') return {};
  const { errors } = details as { errors?: unknown };
  if (Array.isArray(errors)) {
    return {
      errors: errors.slice(0, MAX_DETAIL_ERRORS).map((item: DetailError) => ({
        path: Array.isArray(item?.path) ? item.path.slice(0, 8).map((segment) => truncate(segment, 60)) : [],
        message: truncate(item?.message),
        name: truncate(item?.name, 40),
      })),
    };
  }
  try {
    return JSON.stringify(details).length <= MAX_DETAILS_JSON ? (details as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
