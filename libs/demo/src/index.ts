export * from './sign-ins';
export * from './demo-seeder';
export * from './demo.module';
