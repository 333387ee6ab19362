import 'reflect-metadata';
import { Command, CommanderError } from 'commander';
import { registerEvaluationCommands } from './commands/evaluation';
import { registerFidelityCommands } from './commands/fidelity';
import { registerRecordCommands } from './commands/records';
import { registerTotpCommands } from './commands/totp';
import { EXIT, UsageError } from './support';

export { EXIT } from './support';

export function buildProgram(): Command {
  const program = new Command('mapwork')
    .description('mapwork: Signs of Safety case records with revision history, and the tools around them')
    .option('--database-url <url>', 'database to use (default: $DATABASE_URL or sqlite:./data/mapwork.db)')
    .exitOverride();
  const db = () => program.opts<{ databaseUrl?: string }>().databaseUrl;
  registerRecordCommands(program, db);
  registerFidelityCommands(program, db);
  registerEvaluationCommands(program, db);
  registerTotpCommands(program, db);
  return program;
}

export async function run(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (error instanceof UsageError) {
      process.stderr.write(`mapwork: ${error.message}\n`);
      return EXIT.usage;
    }
    process.stderr.write(`mapwork: ${(error as Error).message}\n`);
    return EXIT.usage;
  }
}

if (require.main === module) {
  run(process.argv.slice(2)).then((code) => process.exit(code));
}
