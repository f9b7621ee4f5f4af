import {useEffect, useState} from 'react';
import {credentialKinds, listCredentials, type CredentialKind, type ListedCredential} from '../../bridge';
import {useRemoteList} from '../../components/useRemoteList';

const listAll = () => listCredentials({kind: '', tag: ''});

/** Every stored credential (no secret values in them). */
export function useCredentials() {
  const {items, ...rest} = useRemoteList<ListedCredential>(listAll);
  return {credentials: items, ...rest};
}

/** The catalogue of credential kinds. */
export function useCredentialKinds() {
  const {items, ...rest} = useRemoteList<CredentialKind>(credentialKinds);
  return {kinds: items, ...rest};
}

/**
 * The stored EAB credentials, loaded while enabled (e.g. while a modal is open).
 * Failing to load leaves the list empty: typing EAB values in still works.
 */
export function useEabCredentials(enabled: boolean) {
  const [items, setItems] = useState<ListedCredential[]>([]);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    listCredentials({kind: 'eab', tag: ''})
      .then((list) => live && setItems((list ?? []).filter((c) => c.kind === 'eab')))
      .catch(() => live && setItems([]));
    return () => {
      live = false;
    };
  }, [enabled, version]);
  return {eabCredentials: items, reload: () => setVersion((v) => v + 1)};
}
