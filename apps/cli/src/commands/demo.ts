import { Command } from 'commander';
import { toString as qrCode } from 'qrcode';
import { DemoSeeder } from '@mapwork/demo';
import { DatabaseUrl, withContext } from '../support';

/** demo-code: the one-time codes of the demo's admin and evaluator, so a reviewer can sign in without a phone. */
export function registerDemoCommands(program: Command, db: DatabaseUrl): void {
  program
    .command('demo-code')
    .description("print the current one-time code of a demo account (admin, eve.evaluator) from the demo database; --qr also shows its secret as a QR code for an authenticator app")
    .argument('<username>', 'a demo account with a one-time password')
    .option('--qr', 'also print the secret, its otpauth:// URI and a QR code to scan')
    .action(async (username: string, opts: { qr?: boolean }) => {
      const demo = await withContext(db(), (ctx) => ctx.get(DemoSeeder).demoCode(username));
      process.stdout.write(`${demo.code}\n`);
      if (opts.qr) {
        process.stdout.write(`\nsecret ${demo.secret} (demo only: published in the README)\n${demo.uri}\n`);
        process.stdout.write(await qrCode(demo.uri, { type: 'terminal', small: true }));
      }
    });
}
