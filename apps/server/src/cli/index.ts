import { Command, CommanderError } from 'commander';
import { registerAccount } from './commands/account';
import { registerBroadcast } from './commands/broadcast';
import { registerClock } from './commands/clock';
import { registerFollower } from './commands/follower';
import { registerMigrate } from './commands/migrate';
import { registerStart } from './commands/start';
import { registerTemplate } from './commands/template';
import { registerUser } from './commands/user';
import { reportError } from './context';

/** Builds the `gzh` command tree. */
export function buildCli(): Command {
  const program = new Command('gzh')
    .description('gzh — self-hosted, WeChat-compatible official-account platform')
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride();
  registerStart(program);
  registerMigrate(program);
  registerAccount(program);
  registerFollower(program);
  registerClock(program);
  registerUser(program);
  registerTemplate(program);
  registerBroadcast(program);
  return program;
}

/** Runs the CLI; every failure becomes a clear message and a non-zero exit code, never a stack. */
export async function runCli(argv: string[]): Promise<void> {
  const program = buildCli();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
      return;
    }
    process.exitCode = reportError(error, argv.includes('--json'));
  }
}
