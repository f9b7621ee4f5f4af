import type {store} from '../../wailsjs/go/models';

/** Something that refers to a record (a key, CA, credential), e.g. an account. */
export type Ref = store.Ref;
