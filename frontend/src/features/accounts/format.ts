import type {Account, AccountOp, AccountStatus, CA, Key} from '../../bridge';
import {ENVIRONMENT_LABEL} from '../cas/EnvironmentBadge';
import {algorithmLabel} from '../keys/format';

export const STATUS_LABEL: Record<AccountStatus, string> = {
  unregistered: 'Unregistered',
  valid: 'Valid',
  deactivated: 'Deactivated',
  revoked: 'Revoked',
};

export const STATUS_COLOR: Record<AccountStatus, string> = {
  unregistered: 'yellow',
  valid: 'green',
  deactivated: 'gray',
  revoked: 'red',
};

/** Sort order for "Sort by: Status": usable accounts first. */
export const STATUS_ORDER: Record<AccountStatus, number> = {valid: 0, unregistered: 1, deactivated: 2, revoked: 3};

export function statusLabel(s: AccountStatus): string {
  return STATUS_LABEL[s] ?? s;
}

const OP_LABEL: Record<AccountOp, string> = {
  register: 'Registration',
  contact: 'Email change',
  rollover: 'Rollover',
  deactivate: 'Deactivation',
};

/** "Rollover outcome unknown — check": a change sent to the CA whose answer never arrived. */
export function pendingLabel(op: AccountOp): string {
  return `${OP_LABEL[op] ?? op} outcome unknown — check`;
}

/** Internal Select value for "Generate a new ECDSA P-384 key"; sent to the backend as "". */
export const GENERATE_KEY = '__generate__';
export const GENERATE_KEY_LABEL = 'Generate a new ECDSA P-384 key';

/** Splits "a@x.org, b@y.org" (commas, semicolons or spaces) into addresses. */
export function parseContacts(text: string): string[] {
  return text
    .split(/[,;\s]+/)
    .map((c) => c.trim())
    .filter(Boolean);
}

/** Keys no account uses now or used before (retired keys stay tied to their account). */
export function unusedKeys(keys: Key[], accounts: Account[]): Key[] {
  const used = new Set<string>();
  for (const a of accounts) {
    if (a.keyId) used.add(a.keyId);
    for (const r of a.retiredKeys ?? []) used.add(r.keyId);
  }
  return keys.filter((k) => !used.has(k.id));
}

export function keyOption(k: Key): {value: string; label: string} {
  return {value: k.id, label: `${k.name} (${algorithmLabel(k.algorithm)})`};
}

/** "Let's Encrypt — Production" */
export function caOptionLabel(ca: CA): string {
  return `${ca.name} — ${ENVIRONMENT_LABEL[ca.environment]}`;
}

/** CAs an account can use: those with a directory URL (not bare URL templates). */
export function usableCAs(cas: CA[]): CA[] {
  return cas.filter((c) => c.directoryUrl);
}

/** What the account list's filter searches: name, CA, contacts, key name and the account URL. */
export function accountSearchText(a: Account, ca: CA | undefined, keyName: string | undefined): string {
  return [a.name, ca?.name ?? a.caId, ...a.contacts, keyName ?? a.keyId, a.kid ?? ''].join('\n');
}
