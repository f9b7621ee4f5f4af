export namespace accounts {
	
	export interface Pending {
	    op: string;
	    startedAt: string;
	    newKeyId?: string;
	    newKeyGenerated?: boolean;
	    contacts?: string[];
	    termsOfService?: string;
	    eabCredentialId?: string;
	}
	export interface RetiredKey {
	    keyId: string;
	    retiredAt: string;
	}
	export interface Account {
	    id: string;
	    name: string;
	    description: string;
	    caId: string;
	    keyId: string;
	    contacts: string[];
	    status: string;
	    kid?: string;
	    eabCredentialId?: string;
	    termsOfService?: string;
	    retiredKeys?: RetiredKey[];
	    pending?: Pending;
	    createdAt: string;
	    updatedAt: string;
	    registeredAt?: string;
	    checkedAt?: string;
	}
	export interface CAARecord {
	    value: string;
	}
	export interface FindInput {
	    name: string;
	    description: string;
	    caId: string;
	    keyId: string;
	}
	export interface NewInput {
	    name: string;
	    description: string;
	    caId: string;
	    keyId: string;
	    contacts: string[];
	    eabCredentialId: string;
	    eabKeyId: string;
	    eabHmac: string;
	}
	
	export interface RefreshResult {
	    id: string;
	    name: string;
	    status: string;
	    skipped?: boolean;
	    error?: apperr.Error;
	}

}

export namespace apperr {
	
	export interface Error {
	    code: string;
	    message: string;
	    hint?: string;
	    detail?: string;
	}

}

export namespace backup {
	
	export interface Item {
	    bucket: string;
	    id: string;
	    name?: string;
	    reason?: string;
	    replaceable?: boolean;
	}
	export interface Plan {
	    add: Item[];
	    same: Item[];
	    replace: Item[];
	    conflicts: Item[];
	}

}

export namespace cas {
	
	export interface RootInfo {
	    subject: string;
	    fingerprintSha256: string;
	    notAfter: string;
	}
	export interface CA {
	    id: string;
	    name: string;
	    environment: string;
	    directoryUrl: string;
	    urlTemplate?: string;
	    templateParam?: string;
	    eabRequired: boolean;
	    eabHelp?: string;
	    website?: string;
	    builtIn: boolean;
	    rootPem?: string;
	    roots?: RootInfo[];
	    basedOn?: string;
	    createdAt?: string;
	    updatedAt?: string;
	}
	export interface CustomInput {
	    name: string;
	    directoryUrl: string;
	    environment: string;
	    rootPem: string;
	    basedOn?: string;
	}
	export interface Details {
	    id: string;
	    name: string;
	    environment: string;
	    directoryUrl: string;
	    urlTemplate?: string;
	    templateParam?: string;
	    eabRequired: boolean;
	    eabHelp?: string;
	    website?: string;
	    builtIn: boolean;
	    rootPem?: string;
	    roots?: RootInfo[];
	    basedOn?: string;
	    createdAt?: string;
	    updatedAt?: string;
	    usedBy: store.Ref[];
	}
	export interface Meta {
	    termsOfService?: string;
	    website?: string;
	    caaIdentities?: string[];
	    externalAccountRequired: boolean;
	    profiles?: Record<string, string>;
	}
	export interface Directory {
	    caId: string;
	    url: string;
	    newNonce: string;
	    newAccount: string;
	    newOrder: string;
	    newAuthz?: string;
	    revokeCert?: string;
	    keyChange?: string;
	    renewalInfo?: string;
	    meta: Meta;
	    keyChangeOffered: boolean;
	    fetchedAt: string;
	    cached: boolean;
	}
	

}

export namespace core {
	
	export interface Recovered {
	    setAside: string;
	    plan?: backup.Plan;
	}

}

export namespace credentials {
	
	export interface Credential {
	    id: string;
	    name: string;
	    description: string;
	    kind: string;
	    tags: string[];
	    fields: Record<string, string>;
	    secretsSet: string[];
	    createdAt: string;
	    updatedAt: string;
	    rotatedAt?: string;
	    lastUsedAt?: string;
	    consumedAt?: string;
	    consumedBy?: string;
	}
	export interface Details {
	    id: string;
	    name: string;
	    description: string;
	    kind: string;
	    tags: string[];
	    fields: Record<string, string>;
	    secretsSet: string[];
	    createdAt: string;
	    updatedAt: string;
	    rotatedAt?: string;
	    lastUsedAt?: string;
	    consumedAt?: string;
	    consumedBy?: string;
	    kindLabel: string;
	    usedBy: store.Ref[];
	}
	export interface Field {
	    name: string;
	    label: string;
	    secret: boolean;
	    optional: boolean;
	    help?: string;
	    type?: string;
	    aliasOf?: string;
	    advanced?: boolean;
	}
	export interface Filter {
	    kind: string;
	    tag: string;
	}
	export interface Input {
	    name: string;
	    description: string;
	    kind: string;
	    tags: string[];
	    values: Record<string, string>;
	}
	export interface Kind {
	    id: string;
	    group: string;
	    label: string;
	    help?: string;
	    url?: string;
	    fields: Field[];
	    anyOf?: string[][];
	}
	export interface Listed {
	    id: string;
	    name: string;
	    description: string;
	    kind: string;
	    tags: string[];
	    fields: Record<string, string>;
	    secretsSet: string[];
	    createdAt: string;
	    updatedAt: string;
	    rotatedAt?: string;
	    lastUsedAt?: string;
	    consumedAt?: string;
	    consumedBy?: string;
	    inUse: number;
	}
	export interface UpdateInput {
	    name: string;
	    description: string;
	    tags: string[];
	    fields: Record<string, string>;
	}

}

export namespace eab {
	
	export interface ListedCredential {
	    credentialId: number;
	    kidHint: string;
	    status: string;
	    createdAt: string;
	    storedId?: string;
	    storedName?: string;
	}
	export interface Step {
	    name: string;
	    description: string;
	}
	export interface Plan {
	    contractId: number;
	    oldDigicertCredentialId: number;
	    accounts: store.Ref[];
	    steps: Step[];
	}

}

export namespace exporters {
	
	export interface Result {
	    format: string;
	    dir: string;
	    files: string[];
	    hints?: string[];
	}

}

export namespace importers {
	
	export interface Choice {
	    id: string;
	    caId?: string;
	    name?: string;
	}
	export interface Found {
	    id: string;
	    tool: string;
	    path: string;
	    directoryUrl?: string;
	    server: string;
	    caId?: string;
	    caName?: string;
	    caCandidates?: string[];
	    contacts: string[];
	    kid: string;
	    status?: string;
	    registeredAt?: string;
	    keyAlgorithm: string;
	    keyLabel: string;
	    keyFormat: string;
	    fingerprintSha256: string;
	    eabKeyId?: string;
	    existingKeyId?: string;
	    existingKeyName?: string;
	    existingAccountId?: string;
	    existingAccountName?: string;
	    duplicateOf?: string;
	    blocker?: string;
	    notes?: string[];
	}
	export interface Outcome {
	    id: string;
	    action: string;
	    accountId?: string;
	    accountName?: string;
	    keyId?: string;
	    keyReused?: boolean;
	    credentialId?: string;
	    reason?: string;
	    error?: apperr.Error;
	}
	export interface Problem {
	    path: string;
	    tool?: string;
	    reason: string;
	}
	export interface Preview {
	    root: string;
	    accounts: Found[];
	    problems: Problem[];
	}
	
	export interface Result {
	    outcomes: Outcome[];
	    imported: number;
	    skipped: number;
	    failed: number;
	}
	export interface Verification {
	    accountId: string;
	    verdict: string;
	    kid?: string;
	    message: string;
	    checkedAt: string;
	    account?: accounts.Account;
	}

}

export namespace keys {
	
	export interface Details {
	    id: string;
	    name: string;
	    description: string;
	    algorithm: string;
	    publicKeyPem: string;
	    fingerprintSha256: string;
	    jwkThumbprint: string;
	    source: string;
	    importFormat?: string;
	    createdAt: string;
	    updatedAt: string;
	    allowExport: boolean;
	    algorithmLabel: string;
	    usedBy: store.Ref[];
	}
	export interface Key {
	    id: string;
	    name: string;
	    description: string;
	    algorithm: string;
	    publicKeyPem: string;
	    fingerprintSha256: string;
	    jwkThumbprint: string;
	    source: string;
	    importFormat?: string;
	    createdAt: string;
	    updatedAt: string;
	    allowExport: boolean;
	}

}

export namespace services {
	
	export interface AlgorithmOption {
	    value: string;
	    label: string;
	    recommended: boolean;
	}
	export interface AppInfo {
	    dataDir: string;
	    vault: vault.Status;
	}

}

export namespace settings {
	
	export interface Settings {
	    showDebug: boolean;
	}

}

export namespace store {
	
	export interface Ref {
	    kind: string;
	    id: string;
	    label: string;
	    historic?: boolean;
	}

}

export namespace vault {
	
	export interface Status {
	    state: string;
	    protection?: string;
	    keychainProblem?: string;
	    keychainDetail?: string;
	    keychainHint?: string;
	    keychainLocked?: boolean;
	    keyMissing?: boolean;
	}

}

