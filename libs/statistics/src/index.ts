export * from './wilson';
export * from './special';
export * from './tests';
export * from './agreement';
export * from './reliability';
export * from './proportions';
export * from './format';
export { NOT_COMPUTABLE_CODES, NotComputable, NotComputableCode, SMALL_EXPECTED_COUNT, SmallExpectedCountWarning, StatisticWarning, WARNING_CODES, notComputable } from './not-computable';
