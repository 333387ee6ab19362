export * from './entities';
export * from './migrations';
export * from './database-url';
export * from './sqlite';
export * from './dialect';
export * from './transaction-runner';
export * from './persistence.module';
export * from './like';
