export * from './wilson';
export * from './special';
export * from './tests';
export * from './agreement';
export * from './reliability';
export * from './proportions';
