import * as TransferService from '../../wailsjs/go/services/TransferService';
import type {exporters, importers} from '../../wailsjs/go/models';
import {call} from './call';
import type {Account} from './accounts';
import {AppError, toAppError} from './errors';

/** An account found on disk by a scan; it holds no secret. */
export type FoundAccount = importers.Found;
/** A file or folder a scan could not read; the rest of the scan still counts. */
export type ImportProblem = importers.Problem;
export type ImportPreview = importers.Preview;
export type ImportChoice = importers.Choice;

export type ImportAction = 'imported' | 'skipped' | 'failed';

/** One account's import; action narrowed (the page colours by it), error an AppError. */
export type ImportOutcome = Omit<importers.Outcome, 'action' | 'error'> & {action: ImportAction; error?: AppError};
export type ImportResult = Omit<importers.Result, 'outcomes'> & {outcomes: ImportOutcome[]};

/** What the CA says about an account's key; account (the record after the verdict, when it changed it) narrowed. */
export type Verification = Omit<importers.Verification, 'account'> & {account?: Account};
export type Verdict = 'valid' | 'deactivated' | 'not_found' | 'other_url' | (string & {});

/** Where an account can be exported to. */
export type AccountExportFormat = 'lego' | 'certbot' | 'acmesh' | 'cert-manager';
/** What an account export wrote (no secret). */
export type ExportResult = exporters.Result;

/** Asks for a folder (native dialog); resolves to its path, or "" when the user cancelled. */
export function chooseFolder(title: string): Promise<string> {
  return call(() => TransferService.ChooseFolder(title));
}

/** Finds the accounts lego, certbot or acme.sh keep under path; nothing is stored. */
export function scanForAccounts(path: string): Promise<ImportPreview> {
  return call(() => TransferService.ScanForAccounts(path));
}

/** Imports the chosen accounts of a preview; the backend reads the files again. */
export function importAccounts(preview: ImportPreview, choices: ImportChoice[]): Promise<ImportResult> {
  return call(async () => {
    const r = await TransferService.ImportAccounts(preview, choices);
    return {
      ...r,
      outcomes: r.outcomes.map(({error, ...o}) => ({...o, action: o.action as ImportAction, error: error && toAppError(error)})),
    };
  });
}

/** Asks the account's CA whether it knows the account's key. */
export function verifyAccount(accountId: string): Promise<Verification> {
  return call(async () => (await TransferService.VerifyAccount(accountId)) as Verification);
}

/** Asks for a folder, then exports the account there; null when the user cancelled. */
export function exportAccount(id: string, format: AccountExportFormat): Promise<ExportResult | null> {
  // Go answers nil (JSON null) when the dialog was cancelled.
  return call(async () => (await TransferService.ExportAccount(id, format)) ?? null);
}
