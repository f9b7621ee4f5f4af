import {getAccount, type Account, type AppError} from '../../bridge';
import {showError} from '../../components/notify';

/**
 * A change sent to the CA whose answer never arrived leaves the account marked
 * "outcome unknown": instead of keeping the dialog open on an error, say so and
 * show the account again, where its Check at CA button settles it.
 */
export async function showUnknownOutcome(err: AppError, accountId: string, onUpdated: (a: Account) => void): Promise<boolean> {
  if (err.code !== 'outcome_unknown') return false;
  showError(err);
  try {
    onUpdated(await getAccount(accountId));
  } catch (e) {
    showError(e);
  }
  return true;
}
