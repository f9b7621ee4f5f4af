import {listCAs, type CA} from '../../bridge';
import {useRemoteList} from '../../components/useRemoteList';

export function useCAs() {
  const {items, ...rest} = useRemoteList<CA>(listCAs);
  return {cas: items, ...rest};
}

export type EnvironmentFilter = 'all' | 'production' | 'staging';

export const ENVIRONMENT_FILTERS: {value: EnvironmentFilter; label: string}[] = [
  {value: 'all', label: 'All'},
  {value: 'production', label: 'Production'},
  {value: 'staging', label: 'Staging'},
];
