import {
  AppError,
  type Account,
  type AlgorithmOption,
  type Algorithm,
  type CA,
  type Credential,
  type CredentialDetails,
  type CredentialKind,
  type ListedCredential,
  type Directory,
  type Key,
  type KeyDetails,
} from '../bridge';

export const ALGORITHMS: AlgorithmOption[] = [
  {value: 'ec384', label: 'ECDSA P-384', recommended: true},
  {value: 'ec256', label: 'ECDSA P-256', recommended: false},
  {value: 'rsa2048', label: 'RSA 2048', recommended: false},
  {value: 'rsa3072', label: 'RSA 3072', recommended: false},
  {value: 'rsa4096', label: 'RSA 4096', recommended: false},
];

const ALGS: Algorithm[] = ['ec384', 'ec256', 'rsa2048', 'rsa3072', 'rsa4096'];

function fingerprint(i: number): string {
  const bytes: string[] = [];
  for (let b = 0; b < 32; b++) bytes.push(((i * 31 + b * 7) & 0xff).toString(16).padStart(2, '0'));
  return bytes.join(':');
}

export function makeKey(i: number, overrides: Partial<Key> = {}): Key {
  return {
    id: `key-${i}`,
    name: `Key ${i}`,
    description: '',
    algorithm: ALGS[i % ALGS.length],
    publicKeyPem: `-----BEGIN PUBLIC KEY-----\nMHYw${i}\n-----END PUBLIC KEY-----\n`,
    fingerprintSha256: fingerprint(i),
    jwkThumbprint: `thumb-${i}`,
    source: 'generated',
    createdAt: '2025-03-04T10:00:00Z',
    updatedAt: '2025-03-04T10:00:00Z',
    allowExport: false,
    ...overrides,
  };
}

export function makeDetails(key: Key, overrides: Partial<KeyDetails> = {}): KeyDetails {
  return {...key, algorithmLabel: 'ECDSA P-384', usedBy: [], ...overrides};
}

export function appError(code: string, message: string, hint = '', detail = ''): AppError {
  return new AppError(code, message, hint, detail);
}

/** A promise the test settles by hand. */
export function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return {promise, resolve, reject};
}

export const CAS: CA[] = [
  {id: 'letsencrypt', name: "Let's Encrypt", environment: 'production', directoryUrl: 'https://acme-v02.api.letsencrypt.org/directory', eabRequired: false, website: 'https://letsencrypt.org', builtIn: true},
  {id: 'letsencrypt-staging', name: "Let's Encrypt (staging)", environment: 'staging', directoryUrl: 'https://acme-staging-v02.api.letsencrypt.org/directory', eabRequired: false, builtIn: true},
  {id: 'zerossl', name: 'ZeroSSL', environment: 'production', directoryUrl: 'https://acme.zerossl.com/v2/DV90', eabRequired: true, eabHelp: 'Generate EAB credentials in the ZeroSSL dashboard.', builtIn: true},
  {id: 'harica', name: 'HARICA', environment: 'production', directoryUrl: '', urlTemplate: 'https://acme.harica.gr/{alias}/directory', templateParam: 'alias', eabRequired: true, builtIn: true},
  {id: 'custom-1', name: 'In-house step-ca', environment: 'staging', directoryUrl: 'https://ca.internal/acme/acme/directory', eabRequired: false, builtIn: false, roots: [{subject: 'CN=Internal Root', fingerprintSha256: 'ab:cd:ef', notAfter: '2035-01-01T00:00:00Z'}]},
];

export function makeAccount(i: number, overrides: Partial<Account> = {}): Account {
  return {
    id: `acct-${i}`,
    name: `Account ${i}`,
    description: '',
    caId: 'letsencrypt',
    keyId: `key-${i}`,
    contacts: [`admin${i}@example.com`],
    status: 'valid',
    kid: `https://acme.example/acct/${i}`,
    createdAt: '2025-03-04T10:00:00Z',
    updatedAt: '2025-03-04T10:00:00Z',
    registeredAt: '2025-03-04T10:05:00Z',
    ...overrides,
  };
}

export function makeDirectory(overrides: Partial<Directory> = {}, meta: Partial<Directory['meta']> = {}): Directory {
  return {
    caId: 'letsencrypt',
    url: 'https://acme-v02.api.letsencrypt.org/directory',
    newNonce: 'https://acme.example/new-nonce',
    newAccount: 'https://acme.example/new-account',
    newOrder: 'https://acme.example/new-order',
    keyChange: 'https://acme.example/key-change',
    meta: {
      termsOfService: 'https://letsencrypt.org/documents/LE-SA-v1.5.pdf',
      website: 'https://letsencrypt.org',
      caaIdentities: ['letsencrypt.org'],
      externalAccountRequired: false,
      profiles: {classic: 'The same profile you are used to', tlsserver: 'Certificates for TLS servers only'},
      ...meta,
    },
    keyChangeOffered: true,
    fetchedAt: '2025-03-04T11:00:00Z',
    cached: true,
    ...overrides,
  };
}

/** A few credential kinds, shaped like the backend's catalogue. */
export const KINDS: CredentialKind[] = [
  {
    id: 'password', group: 'general', label: 'Username and password',
    fields: [
      {name: 'username', label: 'Username', secret: false, optional: false, type: 'text'},
      {name: 'password', label: 'Password', secret: true, optional: false, type: 'text'},
    ],
  },
  {
    id: 'api_token', group: 'general', label: 'API token',
    fields: [{name: 'token', label: 'Token', secret: true, optional: false, type: 'text'}],
  },
  {
    id: 'eab', group: 'acme', label: 'ACME external account binding (EAB)',
    help: 'The key ID and HMAC key a CA hands out.',
    fields: [
      {name: 'ca_id', label: 'Certificate authority', secret: false, optional: true, type: 'text'},
      {name: 'directory_url', label: 'ACME directory URL', secret: false, optional: true, type: 'text'},
      {name: 'key_id', label: 'Key ID', secret: false, optional: false, type: 'text'},
      {name: 'hmac_key', label: 'HMAC key', secret: true, optional: false, type: 'text'},
      {name: 'expires_at', label: 'Expires', secret: false, optional: true, type: 'date'},
      {name: 'single_use', label: 'Single use', secret: false, optional: true, type: 'bool'},
    ],
    anyOf: [['ca_id', 'key_id', 'hmac_key'], ['directory_url', 'key_id', 'hmac_key']],
  },
  {
    id: 'digicert_partner_key', group: 'acme', label: 'DigiCert Partner Subscriptions API key', url: 'https://dev.digicert.com',
    fields: [
      {name: 'acme_contract_id', label: 'ACME contract ID', secret: false, optional: false, type: 'int'},
      {name: 'api_key', label: 'API key', secret: true, optional: false, type: 'text'},
      {name: 'api_base_url', label: 'API base URL', secret: false, optional: true, type: 'text'},
    ],
  },
  {
    id: 'zerossl_access_key', group: 'acme', label: 'ZeroSSL API access key', url: 'https://app.zerossl.com/developer',
    fields: [
      {name: 'access_key', label: 'Access key', secret: true, optional: false, type: 'text'},
      {name: 'api_base_url', label: 'API base URL', secret: false, optional: true, type: 'text'},
    ],
  },
  {
    id: 'dns:cloudflare', group: 'dns', label: 'Cloudflare (DNS)', url: 'https://www.cloudflare.com/dns/',
    help: "Credentials for lego's cloudflare DNS provider.",
    fields: [
      {name: 'CF_API_EMAIL', label: 'CF_API_EMAIL', secret: false, optional: true, help: 'Account email', type: 'text'},
      {name: 'CF_API_KEY', label: 'CF_API_KEY', secret: true, optional: true, help: 'API key', type: 'text'},
      {name: 'CF_DNS_API_TOKEN', label: 'CF_DNS_API_TOKEN', secret: true, optional: true, help: 'API token with DNS:Edit permission', type: 'text'},
      {name: 'CLOUDFLARE_DNS_API_TOKEN', label: 'CLOUDFLARE_DNS_API_TOKEN', secret: true, optional: true, help: 'Alias to CF_DNS_API_TOKEN', type: 'text', aliasOf: 'CF_DNS_API_TOKEN'},
      {name: 'CLOUDFLARE_TTL', label: 'CLOUDFLARE_TTL', secret: false, optional: true, help: 'The TTL of the TXT record', type: 'text'},
    ],
    anyOf: [['CF_API_EMAIL', 'CF_API_KEY'], ['CF_DNS_API_TOKEN']],
  },
  {
    id: 'dns:route53', group: 'dns', label: 'Amazon Route 53 (DNS)',
    fields: [
      {name: 'AWS_ACCESS_KEY_ID', label: 'AWS_ACCESS_KEY_ID', secret: false, optional: false, type: 'text'},
      {name: 'AWS_SECRET_ACCESS_KEY', label: 'AWS_SECRET_ACCESS_KEY', secret: true, optional: false, type: 'text'},
    ],
  },
];

export function makeCredential(i: number, overrides: Partial<ListedCredential> = {}): ListedCredential {
  return {
    id: `cred-${i}`,
    name: `Credential ${i}`,
    description: '',
    kind: 'password',
    tags: [],
    fields: {},
    secretsSet: [],
    createdAt: '2025-03-04T10:00:00Z',
    updatedAt: '2025-03-04T10:00:00Z',
    inUse: 0,
    ...overrides,
  };
}

export function makeCredentialDetails(c: Credential, overrides: Partial<CredentialDetails> = {}): CredentialDetails {
  const kind = KINDS.find((k) => k.id === c.kind);
  return {...c, kindLabel: kind?.label ?? c.kind, usedBy: [], ...overrides};
}
