// The one shape of a refusal that domain code returns: what kind of failure it is and a Chinese message
// that names the fields concerned (never a command-line flag: the same message reaches the console). Each
// edge maps the kind once — the server to an HTTP status (web/server/context.ts), the command line to an
// exit code (cli/output.ts).
export const FAILURE_KINDS = ['invalid', 'forbidden', 'not-found', 'conflict', 'too-large', 'unsupported', 'unavailable', 'too-many'] as const;
/** `too-many`: the caller has asked too often or holds too much at once; it may work later (HTTP 429). */
export type FailureKind = (typeof FAILURE_KINDS)[number];

export interface Failure {
  readonly ok: false;
  readonly kind: FailureKind;
  /** Chinese, for a person: what is wrong and with which field. */
  readonly error: string;
}

export const failure = (kind: FailureKind, error: string): Failure => ({ ok: false, kind, error });

/**
 * A failure thrown where returning it would mean a guard at every caller (a request body that is not a JSON
 * object, a stored setting that no longer passes its checks): each edge answers it as it answers a returned one.
 */
export class FailureError extends Error {
  constructor(readonly failure: Failure) {
    super(failure.error);
  }
}
