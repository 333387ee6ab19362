import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { DemoSeeder, signInLines } from '@mapwork/demo';
import { AppModule } from './app.module';
import { configureApp } from './bootstrap';

/**
 * Starts the API. `--demo` loads the demo organisation and cases into an empty
 * database and prints the sign-ins.
 */
async function main() {
  const demo = process.argv.includes('--demo');
  const app = await NestFactory.create(AppModule.forRoot(), { bodyParser: false, logger: ['error', 'warn'], abortOnError: false });
  configureApp(app);
  // start-up hooks (the integrity key, the seal) run before the demo loader writes anything
  await app.init();
  const summary = demo ? await app.get(DemoSeeder).seedIfEmpty() : null;
  const config = app.get(ConfigService);
  const host = config.get<string>('HOST')!;
  const port = config.get<number>('PORT')!;
  await app.listen(port, host);
  const url = (await app.getUrl()).replace('[::1]', 'localhost').replace('127.0.0.1', 'localhost');
  const lines = [
    '',
    `mapwork is listening on ${url}`,
    `  web pages          ${url}/   (sign in as one of the users below)`,
    `  API documentation  ${url}/api/docs   (OpenAPI JSON: ${url}/api/docs-json)`,
    `  health             ${url}/health`,
    `  database           ${config.get<string>('DATABASE_URL')?.replace(/:[^:@/]+@/, ':***@')}`,
  ];
  if (summary) {
    lines.push(
      summary.seeded ? `  demo data          loaded (${summary.cases} cases)` : '  demo data          already present',
      '  demo sign-ins      (every user: seeds/demo/organisation.json)',
      ...signInLines(summary).map((line) => `    ${line}`),
      `  try: curl -s -X POST ${url}/api/v1/auth/sign-in -H 'content-type: application/json' -d '{"username":"sam.worker","password":"${summary.password}"}'`,
    );
  }
  // eslint-disable-next-line no-console
  console.log(lines.join('\n') + '\n');
}

main().catch((error: Error) => {
  new Logger('mapwork').error(error.message);
  process.exit(1);
});
