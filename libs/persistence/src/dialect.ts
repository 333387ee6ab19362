import { DataSource, QueryRunner } from 'typeorm';

export type Dialect = 'sqlite' | 'postgres';

export function dialectOf(source: DataSource | QueryRunner): Dialect {
  const type = ('connection' in source ? source.connection : source).options.type;
  return type === 'postgres' ? 'postgres' : 'sqlite';
}
