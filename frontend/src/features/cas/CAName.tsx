import {useCAs} from './useCAs';

/** A CA shown by its name where a record holds its id (the id itself while the list loads, or when no CA here has it). */
export function CAName({id}: {id: string}) {
  const {cas} = useCAs();
  return <>{cas.find((c) => c.id === id)?.name ?? id}</>;
}
