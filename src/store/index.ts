export { MemoryStore } from './memory-store.ts';
export { type RedisConnectionChange, RedisStore, type RedisStoreOptions } from './redis-store.ts';
export { SqliteStore } from './sqlite-store.ts';
export type { Lock, SaveOptions, Store, StoredRecord, StoreOptions } from './types.ts';
export { LockTimeoutError, StaleWriteError } from './types.ts';
