export * from './errors';
export * from './time';
export * from './clock';
export * from './canonical-json';
export * from './repo-root';
export * from './clock.module';
export * from './validators';
export * from './environment';
