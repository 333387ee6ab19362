export * from './revision.types';
export * from './revision-hash';
export * from './state-diff';
export * from './revisions.service';
export * from './integrity.service';
export * from './revisions.module';
