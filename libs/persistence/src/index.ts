export * from './entities';
export * from './migrations';
export * from './database-url';
export * from './dialect';
export * from './transaction-runner';
export * from './integrity-keys';
export * from './persistence.module';
