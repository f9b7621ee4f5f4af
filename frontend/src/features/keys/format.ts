import type {Key} from '../../bridge';

const ALGORITHM_LABELS: Record<string, string> = {
  ec384: 'ECDSA P-384',
  ec256: 'ECDSA P-256',
  rsa2048: 'RSA 2048',
  rsa3072: 'RSA 3072',
  rsa4096: 'RSA 4096',
};

/** How people name an algorithm value, e.g. ec384 -> "ECDSA P-384". */
export function algorithmLabel(algorithm: string): string {
  return ALGORITHM_LABELS[algorithm] ?? algorithm;
}

/** The first 23 characters of a fingerprint (8 bytes as aa:bb:…) followed by an ellipsis. */
export function shortFingerprint(fp: string): string {
  return fp.length > 23 ? `${fp.slice(0, 23)}…` : fp;
}

export function sourceLabel(key: Pick<Key, 'source' | 'importFormat'>): string {
  if (key.source === 'imported') return key.importFormat ? `Imported (${key.importFormat})` : 'Imported';
  return 'Generated';
}

export function formatDate(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleDateString();
}

export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleString();
}

/** What the key list's filter searches: name, algorithm (value and label) and fingerprint, with and without colons. */
export function keySearchText(key: Key): string {
  const fp = key.fingerprintSha256;
  return [key.name, key.algorithm, algorithmLabel(key.algorithm), fp, fp.replace(/:/g, '')].join('\n');
}

/** A query that is a piece of a fingerprint ("de:ad:be") is searched without its colons, so it matches across bytes. */
export function keyQuery(query: string): string {
  const q = query.trim();
  return /^[0-9a-f:]+$/i.test(q) && q.includes(':') ? q.replace(/:/g, '') : q;
}
