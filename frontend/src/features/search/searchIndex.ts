import type {Account, CA, Key, ListedCredential} from '../../bridge';

export type SearchSection = 'keys' | 'accounts' | 'cas' | 'credentials';

/** One record as the search finds it: what is shown, and the lowercase text it is found by. */
export interface SearchEntry {
  section: SearchSection;
  id: string;
  label: string;
  description: string;
  text: string;
}

export interface SearchRecords {
  keys: Key[];
  accounts: Account[];
  cas: CA[];
  credentials: ListedCredential[];
}

const text = (...parts: (string | undefined)[]) => parts.filter(Boolean).join('\n').toLowerCase();

/** Every record, with the text it is found by: keys by name and fingerprint, accounts by name, contact or URL, CAs by name or directory, credentials by name, kind or tag. */
export function buildIndex(r: SearchRecords): SearchEntry[] {
  const caName = new Map(r.cas.map((c) => [c.id, c.name]));
  return [
    ...r.keys.map((k) => ({
      section: 'keys' as const,
      id: k.id,
      label: k.name,
      description: k.algorithm.toUpperCase(),
      text: text(k.name, k.description, k.fingerprintSha256, k.algorithm),
    })),
    ...r.accounts.map((a) => ({
      section: 'accounts' as const,
      id: a.id,
      label: a.name,
      description: [caName.get(a.caId) ?? a.caId, ...a.contacts].join(' · '),
      text: text(a.name, a.description, ...a.contacts, a.kid, caName.get(a.caId)),
    })),
    ...r.cas.map((c) => ({
      section: 'cas' as const,
      id: c.id,
      label: c.name,
      description: c.directoryUrl || c.urlTemplate || '',
      text: text(c.name, c.directoryUrl, c.urlTemplate),
    })),
    ...r.credentials.map((c) => ({
      section: 'credentials' as const,
      id: c.id,
      label: c.name,
      description: [c.kind, ...c.tags].join(' · '),
      text: text(c.name, c.description, c.kind, ...c.tags),
    })),
  ];
}

/** The entries holding every word of the query, in index order, at most limit of them. */
export function search(index: SearchEntry[], query: string, limit: number): SearchEntry[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const out: SearchEntry[] = [];
  for (const e of index) {
    if (words.every((w) => e.text.includes(w))) {
      out.push(e);
      if (out.length === limit) break;
    }
  }
  return out;
}
