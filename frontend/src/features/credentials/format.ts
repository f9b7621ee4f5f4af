import type {Credential, CredentialField, CredentialKind, CredentialKindGroup, Ref} from '../../bridge';

export const GROUP_LABEL: Record<CredentialKindGroup, string> = {
  general: 'General',
  acme: 'ACME',
  dns: 'DNS providers',
};

const GROUP_ORDER: CredentialKindGroup[] = ['general', 'acme', 'dns'];

export interface KindOptionGroup {
  group: string;
  items: {value: string; label: string}[];
}

/**
 * Select data for kinds, grouped General / ACME / DNS providers; only groups with kinds.
 * Under "DNS providers" a provider is listed by its name alone ("Cloudflare", not "Cloudflare (DNS)").
 */
export function kindOptions(kinds: CredentialKind[]): KindOptionGroup[] {
  return GROUP_ORDER.map((g) => ({
    group: GROUP_LABEL[g],
    items: kinds
      .filter((k) => k.group === g)
      .map((k) => ({value: k.id, label: g === 'dns' ? k.label.replace(/\s*\(DNS\)$/, '') : k.label})),
  })).filter((g) => g.items.length > 0);
}

export function kindLabel(kinds: CredentialKind[], id: string): string {
  return kinds.find((k) => k.id === id)?.label ?? id;
}

export function isDNSKind(id: string): boolean {
  return id.startsWith('dns:');
}

/** "Fill one of these sets: CF_API_EMAIL + CF_API_KEY, or CF_DNS_API_TOKEN" */
export function anyOfText(kind: CredentialKind): string {
  if (!kind.anyOf?.length) return '';
  const label = (name: string) => kind.fields.find((f) => f.name === name)?.label ?? name;
  return `Fill one of these sets: ${kind.anyOf.map((set) => set.map(label).join(' + ')).join(', or ')}`;
}

/** The initial form value of a field: checkboxes are "false" unless set. */
export function initialValue(field: CredentialField, value: string | undefined): string {
  if (value === undefined) return '';
  if (field.type === 'date') return value.slice(0, 10);
  return value;
}

/** Values to send: trimmed (secrets keep inner spaces), empty ones left out, unchecked booleans left out. */
export function valuesToSend(fields: CredentialField[], values: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) {
    let v = values[f.name] ?? '';
    v = f.secret ? v.replace(/^[\r\n]+|[\r\n]+$/g, '') : v.trim();
    if (f.type === 'bool' && v !== 'true') continue;
    if (v !== '') out[f.name] = v;
  }
  return out;
}

export function refText(r: Ref): string {
  return `${r.kind}: ${r.label}${r.historic ? ' (before)' : ''}`;
}

/** Formats a date-ish field value ("2027-06-03" or RFC 3339) for people. */
export function formatDateValue(v: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) {
    const [y, m, d] = v.split('-').map(Number);
    return new Date(y, m - 1, d).toLocaleDateString();
  }
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? v : d.toLocaleString();
}

/** A stand-in kind when the catalogue does not (yet) know c's kind: its stored fields, all optional text. */
export function fallbackKind(c: Credential & {kindLabel?: string}): CredentialKind {
  const field = (name: string, secret: boolean): CredentialField => ({name, label: name, secret, optional: true, type: 'text'});
  return {
    id: c.kind,
    group: isDNSKind(c.kind) ? 'dns' : 'general',
    label: c.kindLabel || c.kind,
    fields: [...Object.keys(c.fields).map((n) => field(n, false)), ...c.secretsSet.map((n) => field(n, true))],
  };
}
