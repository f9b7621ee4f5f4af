// The typed bridge to the Go backend, one module per bound service. The
// bridge is the ONLY importer of the generated Wails bindings (wailsjs), so
// it is the one place tests mock; its types are the generated ones, narrowed
// only where the page needs a union. Every function rethrows failures as
// AppError.
export * from './errors';
export * from './refs';
export * from './vault';
export * from './settings';
export * from './jobs';
export * from './keys';
export * from './cas';
export * from './accounts';
export * from './credentials';
export * from './eab';
export * from './transfer';
export * from './backup';
export * from './runtime';
