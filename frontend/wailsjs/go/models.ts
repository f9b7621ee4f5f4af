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

export namespace main {
	
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

export namespace store {
	
	export class Ref {
	    kind: string;
	    id: string;
	    label: string;
	
	    static createFrom(source: any = {}) {
	        return new Ref(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.id = source["id"];
	        this.label = source["label"];
	    }
	}

}

export namespace vault {
	
	export class Status {
	    state: string;
	    protection?: string;
	    keychainProblem?: string;
	    keychainDetail?: string;
	
	    static createFrom(source: any = {}) {
	        return new Status(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.state = source["state"];
	        this.protection = source["protection"];
	        this.keychainProblem = source["keychainProblem"];
	        this.keychainDetail = source["keychainDetail"];
	    }
	}

}

