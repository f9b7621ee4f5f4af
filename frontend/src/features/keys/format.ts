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

/** Whether key matches a free-text query on name, algorithm or fingerprint (case-insensitive). */
export function matchesQuery(key: Key, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  const compact = q.replace(/[:\s]/g, '');
  return (
    key.name.toLowerCase().includes(q) ||
    key.algorithm.toLowerCase().includes(q) ||
    algorithmLabel(key.algorithm).toLowerCase().includes(q) ||
    key.fingerprintSha256.toLowerCase().includes(q) ||
    (compact.length > 0 && key.fingerprintSha256.toLowerCase().replace(/:/g, '').includes(compact))
  );
}
