export * from './auth-user';
export * from './auth.decorators';
export * from './auth.service';
export * from './users.service';
export * from './users.repository';
export * from './access-log.service';
export * from './password';
export * from './auth.module';
