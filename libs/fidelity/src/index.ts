export * from './indicators';
export * from './input';
export * from './values';
export * from './score-case';
export * from './report';
export * from './render';
export * from './compare';
