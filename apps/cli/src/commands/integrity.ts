import { Command } from 'commander';
import type { IntegrityReport } from '@mapwork/revisions';
import { EXIT, Globals, withContext } from '../support';

/** What every integrity command needs, loaded when one runs (the CLI's start loads none of it). */
async function load() {
  const [auth, kernel, persistence, revisions] = await Promise.all([import('@mapwork/auth'), import('@mapwork/kernel'), import('@mapwork/persistence'), import('@mapwork/revisions')]);
  return { ...auth, ...kernel, ...persistence, ...revisions };
}

/** verify, and the integrity key and checkpoints: seal, checkpoint, rotate-key. */
export function registerIntegrityCommands(program: Command, globals: Globals): void {
  const db = () => globals().databaseUrl;

  program
    .command('verify')
    .description('verify the tamper evidence: revision chains and MACs, signed heads, current state, access log, checkpoints (exit 1 on any finding)')
    .option('--json', 'print the report as JSON')
    .option('--checkpoint-dir <dir>', 'verify against checkpoints kept here (e.g. a copy from the external store) instead of CHECKPOINT_DIR')
    .action(async (opts: { json?: boolean; checkpointDir?: string }) => {
      const { AccessLogService, CheckpointsService, Clock, IntegrityKeys, IntegrityService, SealService, commandLineActor, processName } = await load();
      const report = await withContext(db(), (ctx) =>
        ctx.get(AccessLogService).event({ event: 'admin.integrity.verify', userId: commandLineActor() }, () => ctx.get(IntegrityService).verify(ctx.get(Clock).now(), { checkpointDir: opts.checkpointDir }), { route: 'mapwork verify' }),
      );
      process.stdout.write(opts.json ? JSON.stringify(report, null, 2) + '\n' : describe(report));
      process.exitCode = report.ok ? EXIT.ok : EXIT.problems;
    });

  const integrity = program.command('integrity').description('the integrity key and checkpoints');

  integrity
    .command('seal')
    .description('bring the database under the integrity key (every server and command does this on start; this says what it did)')
    .action(async () => {
      const { AccessLogService, CheckpointsService, Clock, IntegrityKeys, IntegrityService, SealService, commandLineActor, processName } = await load();
      const summary = await withContext(db(), (ctx) =>
        ctx.get(AccessLogService).event({ event: 'admin.integrity.seal', userId: commandLineActor() }, () => ctx.get(SealService).ensure(processName()), { route: 'mapwork integrity seal' }),
      );
      process.stdout.write(summary ? `sealed: ${summary.legacyRevisions} revisions and ${summary.legacyAccessEntries} access-log entries written before; ${summary.headsSigned} heads signed\n` : 'the database was sealed already\n');
    });

  integrity
    .command('checkpoint')
    .description('write a checkpoint now, in the database and in CHECKPOINT_DIR')
    .action(async () => {
      const { AccessLogService, CheckpointsService, Clock, IntegrityKeys, IntegrityService, SealService, commandLineActor, processName } = await load();
      const line = await withContext(db(), (ctx) =>
        ctx.get(AccessLogService).event({ event: 'admin.integrity.checkpoint', userId: commandLineActor() }, () => ctx.get(CheckpointsService).write('request', processName(), { force: true }), { route: 'mapwork integrity checkpoint' }),
      );
      process.stdout.write(`checkpoint ${line!.n}: ${line!.revisions.count} revisions up to #${line!.revisions.through}, ${line!.cases.length} cases changed, ${line!.segments.length} access-log segments\n`);
    });

  integrity
    .command('rotate-key')
    .description('make a new current integrity key (older keys stay in the key file to verify what they MACed) and checkpoint under it')
    .action(async () => {
      const { AccessLogService, CheckpointsService, Clock, IntegrityKeys, IntegrityService, SealService, commandLineActor, processName } = await load();
      const key = await withContext(db(), (ctx) =>
        ctx.get(AccessLogService).event(
          { event: 'admin.integrity.rotate-key', userId: commandLineActor() },
          async () => {
            const keys = ctx.get(IntegrityKeys);
            const created = keys.rotate();
            await ctx.get(CheckpointsService).write('rotate-key', processName(), { force: true });
            return { id: created.id, file: keys.path, kept: keys.ring().keys.length - 1 };
          },
          { route: 'mapwork integrity rotate-key' },
        ),
      );
      process.stdout.write(`new current key ${key.id} in ${key.file}; ${key.kept} older key(s) kept for verifying. Restart running servers, or they keep signing with the previous key until they notice the file changed.\n`);
    });
}

function describe(r: IntegrityReport): string {
  const lines = [
    `checked ${r.revisions} revisions in ${r.chains} chains, ${r.accessLog.entries} access-log entries in ${r.accessLog.segments} segments, ` +
      `${r.checkpoints.inFile} checkpoints in ${r.checkpoints.file ?? '(no file: not sealed)'} (${r.checkpoints.inDatabase} in the database): ` +
      (r.ok ? 'all intact' : `${r.findings.length} findings`),
  ];
  if (!r.seal) lines.push('  the database is not sealed yet: revisions are checked by their hash chain only');
  for (const f of r.findings) {
    const where = [
      f.entityType && `${f.entityType} ${f.entityId} of case ${f.caseId}`,
      !f.entityType && f.caseId && `case ${f.caseId}`,
      f.version !== undefined && `version ${f.version}`,
      f.segment && `access-log segment ${f.segment}`,
      f.position !== undefined && `entry ${f.position}`,
      f.checkpoint !== undefined && `checkpoint ${f.checkpoint}`,
    ].filter(Boolean);
    lines.push(`  ${f.area}: ${f.problem}${where.length ? ` (${where.join(', ')})` : ''}: ${f.detail}`);
  }
  return lines.join('\n') + '\n';
}
