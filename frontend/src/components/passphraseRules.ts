/** The shortest passphrase ACME Desk accepts for what it protects (the vault, a backup): as the backend. */
export const MIN_PASSPHRASE_LENGTH = 10;

/** A chosen passphrase must be long enough (counted in characters, not UTF-16 units, as Go counts them). */
export const longEnough =
  (message = `Use at least ${MIN_PASSPHRASE_LENGTH} characters.`) =>
  (value: string) =>
    [...value].length < MIN_PASSPHRASE_LENGTH ? message : null;

/**
 * The repeat of a chosen passphrase must match it: a typo would make what it
 * protects unrecoverable. Said only once the passphrase itself is long enough.
 */
export const repeats =
  <K extends string>(field: K) =>
  (value: string, values: Record<K, string>) =>
    [...values[field]].length >= MIN_PASSPHRASE_LENGTH && value !== values[field] ? 'The passphrases do not match.' : null;
