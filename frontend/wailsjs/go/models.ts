export namespace accounts {
	
	export class Pending {
	    op: string;
	    // Go type: time
	    startedAt: any;
	    newKeyId?: string;
	    newKeyGenerated?: boolean;
	    contacts?: string[];
	    termsOfService?: string;
	    eabCredentialId?: string;
	
	    static createFrom(source: any = {}) {
	        return new Pending(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.op = source["op"];
	        this.startedAt = this.convertValues(source["startedAt"], null);
	        this.newKeyId = source["newKeyId"];
	        this.newKeyGenerated = source["newKeyGenerated"];
	        this.contacts = source["contacts"];
	        this.termsOfService = source["termsOfService"];
	        this.eabCredentialId = source["eabCredentialId"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class RetiredKey {
	    keyId: string;
	    // Go type: time
	    retiredAt: any;
	
	    static createFrom(source: any = {}) {
	        return new RetiredKey(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.keyId = source["keyId"];
	        this.retiredAt = this.convertValues(source["retiredAt"], null);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Account {
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
	    // Go type: time
	    createdAt: any;
	    // Go type: time
	    updatedAt: any;
	    // Go type: time
	    registeredAt?: any;
	    // Go type: time
	    checkedAt?: any;
	
	    static createFrom(source: any = {}) {
	        return new Account(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.description = source["description"];
	        this.caId = source["caId"];
	        this.keyId = source["keyId"];
	        this.contacts = source["contacts"];
	        this.status = source["status"];
	        this.kid = source["kid"];
	        this.eabCredentialId = source["eabCredentialId"];
	        this.termsOfService = source["termsOfService"];
	        this.retiredKeys = this.convertValues(source["retiredKeys"], RetiredKey);
	        this.pending = this.convertValues(source["pending"], Pending);
	        this.createdAt = this.convertValues(source["createdAt"], null);
	        this.updatedAt = this.convertValues(source["updatedAt"], null);
	        this.registeredAt = this.convertValues(source["registeredAt"], null);
	        this.checkedAt = this.convertValues(source["checkedAt"], null);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class CAARecord {
	    value: string;
	
	    static createFrom(source: any = {}) {
	        return new CAARecord(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.value = source["value"];
	    }
	}
	export class FindInput {
	    name: string;
	    description: string;
	    caId: string;
	    keyId: string;
	
	    static createFrom(source: any = {}) {
	        return new FindInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.description = source["description"];
	        this.caId = source["caId"];
	        this.keyId = source["keyId"];
	    }
	}
	export class NewInput {
	    name: string;
	    description: string;
	    caId: string;
	    keyId: string;
	    contacts: string[];
	    eabCredentialId: string;
	    eabKeyId: string;
	    eabHmac: string;
	
	    static createFrom(source: any = {}) {
	        return new NewInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.description = source["description"];
	        this.caId = source["caId"];
	        this.keyId = source["keyId"];
	        this.contacts = source["contacts"];
	        this.eabCredentialId = source["eabCredentialId"];
	        this.eabKeyId = source["eabKeyId"];
	        this.eabHmac = source["eabHmac"];
	    }
	}
	
	export class RefreshResult {
	    id: string;
	    name: string;
	    status: string;
	    skipped?: boolean;
	    error?: apperr.Error;
	
	    static createFrom(source: any = {}) {
	        return new RefreshResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.status = source["status"];
	        this.skipped = source["skipped"];
	        this.error = this.convertValues(source["error"], apperr.Error);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace apperr {
	
	export class Error {
	    code: string;
	    message: string;
	    hint?: string;
	    detail?: string;
	
	    static createFrom(source: any = {}) {
	        return new Error(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.code = source["code"];
	        this.message = source["message"];
	        this.hint = source["hint"];
	        this.detail = source["detail"];
	    }
	}

}

export namespace backup {
	
	export class Item {
	    bucket: string;
	    id: string;
	    name?: string;
	    reason?: string;
	    replaceable?: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Item(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.bucket = source["bucket"];
	        this.id = source["id"];
	        this.name = source["name"];
	        this.reason = source["reason"];
	        this.replaceable = source["replaceable"];
	    }
	}
	export class Plan {
	    add: Item[];
	    same: Item[];
	    replace: Item[];
	    conflicts: Item[];
	
	    static createFrom(source: any = {}) {
	        return new Plan(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.add = this.convertValues(source["add"], Item);
	        this.same = this.convertValues(source["same"], Item);
	        this.replace = this.convertValues(source["replace"], Item);
	        this.conflicts = this.convertValues(source["conflicts"], Item);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace cas {
	
	export class RootInfo {
	    subject: string;
	    fingerprintSha256: string;
	    // Go type: time
	    notAfter: any;
	
	    static createFrom(source: any = {}) {
	        return new RootInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.subject = source["subject"];
	        this.fingerprintSha256 = source["fingerprintSha256"];
	        this.notAfter = this.convertValues(source["notAfter"], null);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class CA {
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
	    // Go type: time
	    createdAt: any;
	    // Go type: time
	    updatedAt: any;
	
	    static createFrom(source: any = {}) {
	        return new CA(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.environment = source["environment"];
	        this.directoryUrl = source["directoryUrl"];
	        this.urlTemplate = source["urlTemplate"];
	        this.templateParam = source["templateParam"];
	        this.eabRequired = source["eabRequired"];
	        this.eabHelp = source["eabHelp"];
	        this.website = source["website"];
	        this.builtIn = source["builtIn"];
	        this.rootPem = source["rootPem"];
	        this.roots = this.convertValues(source["roots"], RootInfo);
	        this.basedOn = source["basedOn"];
	        this.createdAt = this.convertValues(source["createdAt"], null);
	        this.updatedAt = this.convertValues(source["updatedAt"], null);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class CustomInput {
	    name: string;
	    directoryUrl: string;
	    environment: string;
	    rootPem: string;
	    basedOn?: string;
	
	    static createFrom(source: any = {}) {
	        return new CustomInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.directoryUrl = source["directoryUrl"];
	        this.environment = source["environment"];
	        this.rootPem = source["rootPem"];
	        this.basedOn = source["basedOn"];
	    }
	}
	export class Details {
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
	    // Go type: time
	    createdAt: any;
	    // Go type: time
	    updatedAt: any;
	    usedBy: store.Ref[];
	
	    static createFrom(source: any = {}) {
	        return new Details(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.environment = source["environment"];
	        this.directoryUrl = source["directoryUrl"];
	        this.urlTemplate = source["urlTemplate"];
	        this.templateParam = source["templateParam"];
	        this.eabRequired = source["eabRequired"];
	        this.eabHelp = source["eabHelp"];
	        this.website = source["website"];
	        this.builtIn = source["builtIn"];
	        this.rootPem = source["rootPem"];
	        this.roots = this.convertValues(source["roots"], RootInfo);
	        this.basedOn = source["basedOn"];
	        this.createdAt = this.convertValues(source["createdAt"], null);
	        this.updatedAt = this.convertValues(source["updatedAt"], null);
	        this.usedBy = this.convertValues(source["usedBy"], store.Ref);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Meta {
	    termsOfService?: string;
	    website?: string;
	    caaIdentities?: string[];
	    externalAccountRequired: boolean;
	    profiles?: Record<string, string>;
	
	    static createFrom(source: any = {}) {
	        return new Meta(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.termsOfService = source["termsOfService"];
	        this.website = source["website"];
	        this.caaIdentities = source["caaIdentities"];
	        this.externalAccountRequired = source["externalAccountRequired"];
	        this.profiles = source["profiles"];
	    }
	}
	export class Directory {
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
	    // Go type: time
	    fetchedAt: any;
	    cached: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Directory(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.caId = source["caId"];
	        this.url = source["url"];
	        this.newNonce = source["newNonce"];
	        this.newAccount = source["newAccount"];
	        this.newOrder = source["newOrder"];
	        this.newAuthz = source["newAuthz"];
	        this.revokeCert = source["revokeCert"];
	        this.keyChange = source["keyChange"];
	        this.renewalInfo = source["renewalInfo"];
	        this.meta = this.convertValues(source["meta"], Meta);
	        this.keyChangeOffered = source["keyChangeOffered"];
	        this.fetchedAt = this.convertValues(source["fetchedAt"], null);
	        this.cached = source["cached"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	

}

export namespace core {
	
	export class Recovered {
	    setAside: string;
	    plan?: backup.Plan;
	
	    static createFrom(source: any = {}) {
	        return new Recovered(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.setAside = source["setAside"];
	        this.plan = this.convertValues(source["plan"], backup.Plan);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace credentials {
	
	export class Credential {
	    id: string;
	    name: string;
	    description: string;
	    kind: string;
	    tags: string[];
	    fields: Record<string, string>;
	    secretsSet: string[];
	    // Go type: time
	    createdAt: any;
	    // Go type: time
	    updatedAt: any;
	    // Go type: time
	    rotatedAt?: any;
	    // Go type: time
	    lastUsedAt?: any;
	    // Go type: time
	    consumedAt?: any;
	    consumedBy?: string;
	
	    static createFrom(source: any = {}) {
	        return new Credential(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.description = source["description"];
	        this.kind = source["kind"];
	        this.tags = source["tags"];
	        this.fields = source["fields"];
	        this.secretsSet = source["secretsSet"];
	        this.createdAt = this.convertValues(source["createdAt"], null);
	        this.updatedAt = this.convertValues(source["updatedAt"], null);
	        this.rotatedAt = this.convertValues(source["rotatedAt"], null);
	        this.lastUsedAt = this.convertValues(source["lastUsedAt"], null);
	        this.consumedAt = this.convertValues(source["consumedAt"], null);
	        this.consumedBy = source["consumedBy"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Details {
	    id: string;
	    name: string;
	    description: string;
	    kind: string;
	    tags: string[];
	    fields: Record<string, string>;
	    secretsSet: string[];
	    // Go type: time
	    createdAt: any;
	    // Go type: time
	    updatedAt: any;
	    // Go type: time
	    rotatedAt?: any;
	    // Go type: time
	    lastUsedAt?: any;
	    // Go type: time
	    consumedAt?: any;
	    consumedBy?: string;
	    kindLabel: string;
	    usedBy: store.Ref[];
	
	    static createFrom(source: any = {}) {
	        return new Details(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.description = source["description"];
	        this.kind = source["kind"];
	        this.tags = source["tags"];
	        this.fields = source["fields"];
	        this.secretsSet = source["secretsSet"];
	        this.createdAt = this.convertValues(source["createdAt"], null);
	        this.updatedAt = this.convertValues(source["updatedAt"], null);
	        this.rotatedAt = this.convertValues(source["rotatedAt"], null);
	        this.lastUsedAt = this.convertValues(source["lastUsedAt"], null);
	        this.consumedAt = this.convertValues(source["consumedAt"], null);
	        this.consumedBy = source["consumedBy"];
	        this.kindLabel = source["kindLabel"];
	        this.usedBy = this.convertValues(source["usedBy"], store.Ref);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Field {
	    name: string;
	    label: string;
	    secret: boolean;
	    optional: boolean;
	    help?: string;
	    type?: string;
	    aliasOf?: string;
	
	    static createFrom(source: any = {}) {
	        return new Field(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.label = source["label"];
	        this.secret = source["secret"];
	        this.optional = source["optional"];
	        this.help = source["help"];
	        this.type = source["type"];
	        this.aliasOf = source["aliasOf"];
	    }
	}
	export class Filter {
	    kind: string;
	    tag: string;
	
	    static createFrom(source: any = {}) {
	        return new Filter(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.tag = source["tag"];
	    }
	}
	export class Input {
	    name: string;
	    description: string;
	    kind: string;
	    tags: string[];
	    values: Record<string, string>;
	
	    static createFrom(source: any = {}) {
	        return new Input(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.description = source["description"];
	        this.kind = source["kind"];
	        this.tags = source["tags"];
	        this.values = source["values"];
	    }
	}
	export class Kind {
	    id: string;
	    group: string;
	    label: string;
	    help?: string;
	    url?: string;
	    fields: Field[];
	    anyOf?: string[][];
	
	    static createFrom(source: any = {}) {
	        return new Kind(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.group = source["group"];
	        this.label = source["label"];
	        this.help = source["help"];
	        this.url = source["url"];
	        this.fields = this.convertValues(source["fields"], Field);
	        this.anyOf = source["anyOf"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Listed {
	    id: string;
	    name: string;
	    description: string;
	    kind: string;
	    tags: string[];
	    fields: Record<string, string>;
	    secretsSet: string[];
	    // Go type: time
	    createdAt: any;
	    // Go type: time
	    updatedAt: any;
	    // Go type: time
	    rotatedAt?: any;
	    // Go type: time
	    lastUsedAt?: any;
	    // Go type: time
	    consumedAt?: any;
	    consumedBy?: string;
	    inUse: number;
	
	    static createFrom(source: any = {}) {
	        return new Listed(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.description = source["description"];
	        this.kind = source["kind"];
	        this.tags = source["tags"];
	        this.fields = source["fields"];
	        this.secretsSet = source["secretsSet"];
	        this.createdAt = this.convertValues(source["createdAt"], null);
	        this.updatedAt = this.convertValues(source["updatedAt"], null);
	        this.rotatedAt = this.convertValues(source["rotatedAt"], null);
	        this.lastUsedAt = this.convertValues(source["lastUsedAt"], null);
	        this.consumedAt = this.convertValues(source["consumedAt"], null);
	        this.consumedBy = source["consumedBy"];
	        this.inUse = source["inUse"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class UpdateInput {
	    name: string;
	    description: string;
	    tags: string[];
	    fields: Record<string, string>;
	
	    static createFrom(source: any = {}) {
	        return new UpdateInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.description = source["description"];
	        this.tags = source["tags"];
	        this.fields = source["fields"];
	    }
	}

}

export namespace eab {
	
	export class ListedCredential {
	    credentialId: number;
	    kidHint: string;
	    status: string;
	    // Go type: time
	    createdAt: any;
	    storedId?: string;
	    storedName?: string;
	
	    static createFrom(source: any = {}) {
	        return new ListedCredential(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.credentialId = source["credentialId"];
	        this.kidHint = source["kidHint"];
	        this.status = source["status"];
	        this.createdAt = this.convertValues(source["createdAt"], null);
	        this.storedId = source["storedId"];
	        this.storedName = source["storedName"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Step {
	    name: string;
	    description: string;
	
	    static createFrom(source: any = {}) {
	        return new Step(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.description = source["description"];
	    }
	}
	export class Plan {
	    contractId: number;
	    oldDigicertCredentialId: number;
	    accounts: store.Ref[];
	    steps: Step[];
	
	    static createFrom(source: any = {}) {
	        return new Plan(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.contractId = source["contractId"];
	        this.oldDigicertCredentialId = source["oldDigicertCredentialId"];
	        this.accounts = this.convertValues(source["accounts"], store.Ref);
	        this.steps = this.convertValues(source["steps"], Step);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace exporters {
	
	export class Result {
	    format: string;
	    dir: string;
	    files: string[];
	    hints?: string[];
	
	    static createFrom(source: any = {}) {
	        return new Result(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.format = source["format"];
	        this.dir = source["dir"];
	        this.files = source["files"];
	        this.hints = source["hints"];
	    }
	}

}

export namespace importers {
	
	export class Choice {
	    id: string;
	    caId?: string;
	    name?: string;
	
	    static createFrom(source: any = {}) {
	        return new Choice(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.caId = source["caId"];
	        this.name = source["name"];
	    }
	}
	export class Found {
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
	    // Go type: time
	    registeredAt?: any;
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
	
	    static createFrom(source: any = {}) {
	        return new Found(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.tool = source["tool"];
	        this.path = source["path"];
	        this.directoryUrl = source["directoryUrl"];
	        this.server = source["server"];
	        this.caId = source["caId"];
	        this.caName = source["caName"];
	        this.caCandidates = source["caCandidates"];
	        this.contacts = source["contacts"];
	        this.kid = source["kid"];
	        this.status = source["status"];
	        this.registeredAt = this.convertValues(source["registeredAt"], null);
	        this.keyAlgorithm = source["keyAlgorithm"];
	        this.keyLabel = source["keyLabel"];
	        this.keyFormat = source["keyFormat"];
	        this.fingerprintSha256 = source["fingerprintSha256"];
	        this.eabKeyId = source["eabKeyId"];
	        this.existingKeyId = source["existingKeyId"];
	        this.existingKeyName = source["existingKeyName"];
	        this.existingAccountId = source["existingAccountId"];
	        this.existingAccountName = source["existingAccountName"];
	        this.duplicateOf = source["duplicateOf"];
	        this.blocker = source["blocker"];
	        this.notes = source["notes"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Outcome {
	    id: string;
	    action: string;
	    accountId?: string;
	    accountName?: string;
	    keyId?: string;
	    keyReused?: boolean;
	    credentialId?: string;
	    reason?: string;
	    error?: apperr.Error;
	
	    static createFrom(source: any = {}) {
	        return new Outcome(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.action = source["action"];
	        this.accountId = source["accountId"];
	        this.accountName = source["accountName"];
	        this.keyId = source["keyId"];
	        this.keyReused = source["keyReused"];
	        this.credentialId = source["credentialId"];
	        this.reason = source["reason"];
	        this.error = this.convertValues(source["error"], apperr.Error);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Problem {
	    path: string;
	    tool?: string;
	    reason: string;
	
	    static createFrom(source: any = {}) {
	        return new Problem(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.path = source["path"];
	        this.tool = source["tool"];
	        this.reason = source["reason"];
	    }
	}
	export class Preview {
	    root: string;
	    accounts: Found[];
	    problems: Problem[];
	
	    static createFrom(source: any = {}) {
	        return new Preview(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.root = source["root"];
	        this.accounts = this.convertValues(source["accounts"], Found);
	        this.problems = this.convertValues(source["problems"], Problem);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class Result {
	    outcomes: Outcome[];
	    imported: number;
	    skipped: number;
	    failed: number;
	
	    static createFrom(source: any = {}) {
	        return new Result(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.outcomes = this.convertValues(source["outcomes"], Outcome);
	        this.imported = source["imported"];
	        this.skipped = source["skipped"];
	        this.failed = source["failed"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Verification {
	    accountId: string;
	    verdict: string;
	    kid?: string;
	    message: string;
	    // Go type: time
	    checkedAt: any;
	    account?: accounts.Account;
	
	    static createFrom(source: any = {}) {
	        return new Verification(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.accountId = source["accountId"];
	        this.verdict = source["verdict"];
	        this.kid = source["kid"];
	        this.message = source["message"];
	        this.checkedAt = this.convertValues(source["checkedAt"], null);
	        this.account = this.convertValues(source["account"], accounts.Account);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace keys {
	
	export class Details {
	    id: string;
	    name: string;
	    description: string;
	    algorithm: string;
	    publicKeyPem: string;
	    fingerprintSha256: string;
	    jwkThumbprint: string;
	    source: string;
	    importFormat?: string;
	    // Go type: time
	    createdAt: any;
	    // Go type: time
	    updatedAt: any;
	    allowExport: boolean;
	    algorithmLabel: string;
	    usedBy: store.Ref[];
	
	    static createFrom(source: any = {}) {
	        return new Details(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.description = source["description"];
	        this.algorithm = source["algorithm"];
	        this.publicKeyPem = source["publicKeyPem"];
	        this.fingerprintSha256 = source["fingerprintSha256"];
	        this.jwkThumbprint = source["jwkThumbprint"];
	        this.source = source["source"];
	        this.importFormat = source["importFormat"];
	        this.createdAt = this.convertValues(source["createdAt"], null);
	        this.updatedAt = this.convertValues(source["updatedAt"], null);
	        this.allowExport = source["allowExport"];
	        this.algorithmLabel = source["algorithmLabel"];
	        this.usedBy = this.convertValues(source["usedBy"], store.Ref);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Key {
	    id: string;
	    name: string;
	    description: string;
	    algorithm: string;
	    publicKeyPem: string;
	    fingerprintSha256: string;
	    jwkThumbprint: string;
	    source: string;
	    importFormat?: string;
	    // Go type: time
	    createdAt: any;
	    // Go type: time
	    updatedAt: any;
	    allowExport: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Key(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.description = source["description"];
	        this.algorithm = source["algorithm"];
	        this.publicKeyPem = source["publicKeyPem"];
	        this.fingerprintSha256 = source["fingerprintSha256"];
	        this.jwkThumbprint = source["jwkThumbprint"];
	        this.source = source["source"];
	        this.importFormat = source["importFormat"];
	        this.createdAt = this.convertValues(source["createdAt"], null);
	        this.updatedAt = this.convertValues(source["updatedAt"], null);
	        this.allowExport = source["allowExport"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace services {
	
	export class AlgorithmOption {
	    value: string;
	    label: string;
	    recommended: boolean;
	
	    static createFrom(source: any = {}) {
	        return new AlgorithmOption(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.value = source["value"];
	        this.label = source["label"];
	        this.recommended = source["recommended"];
	    }
	}
	export class AppInfo {
	    dataDir: string;
	    vault: vault.Status;
	
	    static createFrom(source: any = {}) {
	        return new AppInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.dataDir = source["dataDir"];
	        this.vault = this.convertValues(source["vault"], vault.Status);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace settings {
	
	export class Settings {
	    showDebug: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Settings(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.showDebug = source["showDebug"];
	    }
	}

}

export namespace store {
	
	export class Ref {
	    kind: string;
	    id: string;
	    label: string;
	    historic?: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Ref(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.id = source["id"];
	        this.label = source["label"];
	        this.historic = source["historic"];
	    }
	}

}

export namespace vault {
	
	export class Status {
	    state: string;
	    protection?: string;
	    keychainProblem?: string;
	    keychainDetail?: string;
	    keychainHint?: string;
	    keychainLocked?: boolean;
	    keyMissing?: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Status(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.state = source["state"];
	        this.protection = source["protection"];
	        this.keychainProblem = source["keychainProblem"];
	        this.keychainDetail = source["keychainDetail"];
	        this.keychainHint = source["keychainHint"];
	        this.keychainLocked = source["keychainLocked"];
	        this.keyMissing = source["keyMissing"];
	    }
	}

}

