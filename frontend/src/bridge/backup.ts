import * as BackupService from '../../wailsjs/go/services/BackupService';
import type {backup} from '../../wailsjs/go/models';
import {call} from './call';

export type RestoreMode = 'empty' | 'merge';

/** One record of a backup: its bucket ("keys", "accounts"…), id and, when known, name. */
export type BackupItem = backup.Item;
export type RestorePlan = backup.Plan;

/** Asks where to save (native dialog) and writes an encrypted backup; resolves to the path, or "" when cancelled. */
export function backupToFile(passphrase: string): Promise<string> {
  return call(() => BackupService.BackupToFile(passphrase));
}

/** Asks for a backup file (native dialog); resolves to its path, or "" when cancelled. */
export function chooseBackupFile(): Promise<string> {
  return call(() => BackupService.ChooseBackupFile());
}

/** Reads a backup and says what a merge would add, find identical, and keep as conflicts. */
export function planRestore(path: string, passphrase: string): Promise<RestorePlan> {
  return call(() => BackupService.PlanRestore(path, passphrase));
}

/** Restores (or merges) the backup; with a merge, the conflicting records in replace (ids) take the backup's version. */
export function restoreBackup(path: string, passphrase: string, mode: RestoreMode, replace: string[] = []): Promise<RestorePlan> {
  return call(() => BackupService.RestoreBackup(path, passphrase, mode, replace));
}
