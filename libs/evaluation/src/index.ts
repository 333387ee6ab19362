export * from './agreement';
export * from './scoring-sheets.service';
export * from './evaluation.module';
export * from './instruments';
export * from './instruments.service';
