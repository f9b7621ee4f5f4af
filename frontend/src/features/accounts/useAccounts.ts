import {listAccounts, type Account} from '../../bridge';
import {useRemoteList} from '../../components/useRemoteList';

export function useAccounts() {
  const {items, ...rest} = useRemoteList<Account>(listAccounts);
  return {accounts: items, ...rest};
}
