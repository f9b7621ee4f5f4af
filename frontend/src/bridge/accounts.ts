import * as AccountsService from '../../wailsjs/go/services/AccountsService';
import type {accounts} from '../../wailsjs/go/models';
import {call} from './call';
import {AppError, toAppError} from './errors';

export type AccountStatus = 'unregistered' | 'valid' | 'deactivated' | 'revoked';
export type AccountOp = 'register' | 'contact' | 'rollover' | 'deactivate';

export type RetiredKey = accounts.RetiredKey;

/**
 * A change sent to the CA whose answer is not stored yet: set after a lost answer, it means "outcome
 * unknown". The generated type, op narrowed: the page words each one.
 */
export type PendingChange = Omit<accounts.Pending, 'op'> & {op: AccountOp};

/** The generated account, status and pending narrowed: the page labels, colours and sorts by status. */
export type Account = Omit<accounts.Account, 'status' | 'pending'> & {status: AccountStatus; pending?: PendingChange};

export type NewAccountInput = accounts.NewInput;
export type FindAccountInput = accounts.FindInput;

/** One account's refresh; its error is an AppError (the generated type has the plain object). */
export type RefreshResult = Omit<accounts.RefreshResult, 'status' | 'skipped' | 'error'> & {
  status: AccountStatus;
  /** Deactivated and revoked accounts are not asked any more. */
  skipped: boolean;
  error?: AppError;
};

function account(a: Promise<accounts.Account>): Promise<Account> {
  return call(async () => (await a) as Account);
}

export function listAccounts(): Promise<Account[]> {
  return call(async () => (await AccountsService.ListAccounts()) as Account[]);
}

export function getAccount(id: string): Promise<Account> {
  return account(AccountsService.GetAccount(id));
}

/** Stores a new, unregistered account. */
export function createAccount(input: NewAccountInput): Promise<Account> {
  return account(AccountsService.CreateAccount(input));
}

export function updateAccount(id: string, name: string, description: string): Promise<Account> {
  return account(AccountsService.UpdateAccount(id, name, description));
}

/** Forgets the account locally; nothing changes at the CA. */
export function deleteAccount(id: string): Promise<void> {
  return call(() => AccountsService.DeleteAccount(id));
}

export function registerAccount(id: string, agreeTerms: boolean): Promise<Account> {
  return account(AccountsService.RegisterAccount(id, agreeTerms));
}

export function refreshAccount(id: string): Promise<Account> {
  return account(AccountsService.RefreshAccount(id));
}

/** Refreshes every registered account; cancelJob(jobId) stops it. */
export function refreshAllAccounts(jobId: string): Promise<RefreshResult[]> {
  return call(async () =>
    (await AccountsService.RefreshAllAccounts(jobId)).map(({error, ...r}) => ({
      ...r,
      status: r.status as AccountStatus,
      skipped: Boolean(r.skipped),
      error: error && toAppError(error),
    })),
  );
}

export function changeAccountContacts(id: string, contacts: string[]): Promise<Account> {
  return account(AccountsService.ChangeAccountContacts(id, contacts));
}

/** Moves the account to another key; "" generates a new ECDSA P-384 key. */
export function rolloverAccountKey(id: string, newKeyId: string): Promise<Account> {
  return account(AccountsService.RolloverAccountKey(id, newKeyId));
}

/** Deactivates the account at its CA for good; confirmName must repeat the account's name. */
export function deactivateAccount(id: string, confirmName: string): Promise<Account> {
  return account(AccountsService.DeactivateAccount(id, confirmName));
}

export function findAccountByKey(input: FindAccountInput): Promise<Account> {
  return account(AccountsService.FindAccountByKey(input));
}

/** The CAA record value that restricts issuance to this account (RFC 8657). */
export function accountCAA(id: string): Promise<string> {
  return call(async () => (await AccountsService.AccountCAA(id)).value);
}

/** Points the account at another stored EAB credential. */
export function repointAccountEAB(accountId: string, credentialId: string): Promise<void> {
  return call(() => AccountsService.RepointAccountEAB(accountId, credentialId));
}
