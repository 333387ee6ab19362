import { Command } from 'commander';
import { Globals, withContext } from '../support';

/** demo-code and totp-key: one-time passwords from the command line. */
export function registerTotpCommands(program: Command, globals: Globals): void {
  const db = () => globals().databaseUrl;

  program
    .command('demo-code')
    .description("print the current one-time code of a demo account (admin, eve.evaluator) from the demo database; --qr also shows its secret as a QR code for an authenticator app")
    .argument('<username>', 'a demo account with a one-time password')
    .option('--qr', 'also print the secret, its otpauth:// URI and a QR code to scan')
    .action(async (username: string, opts: { qr?: boolean }) => {
      const { DemoSeeder } = await import('@mapwork/demo');
      const demo = await withContext(db(), (ctx) => ctx.get(DemoSeeder).demoCode(username));
      process.stdout.write(`${demo.code}\n`);
      if (opts.qr) {
        const { toString: qrCode } = await import('qrcode');
        process.stdout.write(`\nsecret ${demo.secret} (demo only: published in the README)\n${demo.uri}\n`);
        process.stdout.write(await qrCode(demo.uri, { type: 'terminal', small: true }));
      }
    });

  program
    .command('totp-key')
    .description('the key one-time-password secrets are encrypted under (TOTP_KEY_FILE)')
    .command('rotate')
    .description('a new key: every secret re-encrypted under it, the old file kept as .old; recovery codes stop working and their users are told')
    .action(async () => {
      const { AccessLogService, TotpService, commandLineActor } = await import('@mapwork/auth');
      const done = await withContext(db(), (ctx) =>
        ctx.get(AccessLogService).event(null, () => ctx.get(TotpService).rotateKey(commandLineActor()), { route: 'mapwork totp-key rotate' }),
      );
      process.stdout.write(`TOTP key replaced: ${done.secrets} secrets re-encrypted; ${done.recoveryCodesVoided} users must make new recovery codes (told by a notification)\n`);
    });
}
