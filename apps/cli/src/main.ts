import { Command, CommanderError } from 'commander';
import { registerEvaluationCommands } from './commands/evaluation';
import { registerFidelityCommands } from './commands/fidelity';
import { registerIntegrityCommands } from './commands/integrity';
import { registerRecordCommands } from './commands/records';
import { EXIT, EXIT_CODES_HELP, GlobalOptions, reportError } from './support';

export { EXIT } from './support';

/*
 * The `mapwork` command. Starting it loads commander and the command definitions only;
 * each command loads what it needs when it runs, so help and the file commands
 * (`fidelity --in`, `compare --in`) never start NestJS or TypeORM.
 */
export function buildProgram(): Command {
  const program = new Command('mapwork')
    .description('mapwork: Signs of Safety case records with revision history, and the tools around them')
    .option('--database-url <url>', 'database to use (default: $DATABASE_URL or sqlite:./data/mapwork.db)')
    .option('--all-problems', 'when a file is rejected, list every problem, one per line (the first few are always shown)')
    .addHelpText('after', EXIT_CODES_HELP)
    .exitOverride()
    // commander's own errors (unknown option, missing argument) in the same one-line form as ours
    .configureOutput({ outputError: (text, write) => write(`mapwork: ${text.replace(/^error: /, '')}`) });
  const globals = () => program.opts<GlobalOptions>();
  registerIntegrityCommands(program, globals);
  registerRecordCommands(program, globals);
  registerFidelityCommands(program, globals);
  registerEvaluationCommands(program, globals);
  return program;
}

/** Runs the command line and returns its exit code; every failure is one line on standard error. */
export async function run(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    return reportError(error, program.opts<GlobalOptions>());
  }
}

/** For bin/mapwork.js: an error that escaped every command (a stream's, say) is still one line and an exit code. */
export function reportEscaped(error: unknown): number {
  return reportError(error);
}
