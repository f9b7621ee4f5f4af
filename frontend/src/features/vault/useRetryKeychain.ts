import {useState} from 'react';
import {retryKeychain} from '../../bridge';
import {showError} from '../../components/notify';

/** "Try the keychain again": asks the backend, then reloads the app info. */
export function useRetryKeychain(reload: () => Promise<void>) {
  const [retrying, setRetrying] = useState(false);
  const retry = async () => {
    setRetrying(true);
    try {
      await retryKeychain();
      await reload();
    } catch (e) {
      showError(e);
    } finally {
      setRetrying(false);
    }
  };
  return {retrying, retry};
}
