export * from './audit';
export * from './sampling';
export * from './audits.service';
export * from './audits.module';
