// Errors as the backend describes them. Every failed call reaches the page
// the same way: the Go side's error formatter (services.FormatError) turns
// the error into apperr's {code,message,hint,detail} JSON, sent as a STRING
// because Wails' runtime rejects with new Error(value) for anything that is
// not an Error (an object would arrive as "[object Object]"). So the
// rejection's message is that JSON, parsed here as a whole.

export type ErrorCode =
  | 'invalid_input'
  | 'not_found'
  | 'conflict'
  | 'in_use'
  | 'unsupported'
  | 'wrong_passphrase'
  | 'passphrase_required'
  | 'forbidden'
  | 'vault_locked'
  | 'keychain_unavailable'
  | 'database_in_use'
  | 'data_damaged'
  | 'cancelled'
  | 'outcome_unknown'
  | 'starting'
  | 'internal'
  | 'acme_problem'
  | 'rate_limited'
  | 'eab_required'
  | 'ca_unreachable'
  | 'ca_timeout'
  | 'tls'
  | 'not_acme_directory'
  | (string & {});

/** An error as the backend describes it: what happened, what to do, and a technical detail. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly hint: string;
  readonly detail: string;

  constructor(code: ErrorCode, message: string, hint = '', detail = '') {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.hint = hint;
    this.detail = detail;
  }
}

const UNEXPECTED = 'Something unexpected went wrong.';

function fromObject(value: unknown): AppError | null {
  if (typeof value !== 'object' || value === null) return null;
  const o = value as Record<string, unknown>;
  if (typeof o.code !== 'string' || typeof o.message !== 'string') return null;
  return new AppError(
    o.code,
    o.message,
    typeof o.hint === 'string' ? o.hint : '',
    typeof o.detail === 'string' ? o.detail : '',
  );
}

function parse(text: string): AppError | null {
  try {
    return fromObject(JSON.parse(text));
  } catch {
    return null;
  }
}

/**
 * Turns whatever a binding rejected with into an AppError: the formatter's
 * JSON, or an apperr object (per-item errors inside results). Anything else
 * (Wails' own failures, e.g. arguments it could not decode) becomes an
 * internal error whose detail is the text.
 */
export function toAppError(e: unknown): AppError {
  if (e instanceof AppError) return e;
  let raw: string;
  if (e instanceof Error) raw = e.message;
  else if (typeof e === 'string') raw = e;
  else {
    const direct = fromObject(e);
    if (direct) return direct;
    try {
      raw = JSON.stringify(e) ?? String(e);
    } catch {
      raw = String(e);
    }
  }
  return parse(raw) ?? new AppError('internal', UNEXPECTED, '', raw);
}
