export * from './agreement';
export * from './scoring-sheets.service';
export * from './evaluation.module';
