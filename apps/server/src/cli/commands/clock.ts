import type { Command } from 'commander';
import type { ClockActionName } from '../../modules/sandbox/clock-control.service';
import { output, withServices, type StorageFlags } from '../context';

type Flags = StorageFlags & { json?: boolean };

/** `gzh clock …`: the sandbox clock of a server running on the same data. */
export function registerClock(program: Command): void {
  const clock = program.command('clock').description('show, freeze or advance the sandbox clock');
  const common = (cmd: Command) =>
    cmd
      .option('--data <dir>', 'SQLite data directory')
      .option('--database-url <url>', 'PostgreSQL URL')
      .option('--json', 'machine-readable output');
  const show = (opts: Flags, action?: ClockActionName, arg?: { by?: string; to?: string }) =>
    withServices(opts, async (services) => {
      const view = action ? await services.clockControl.apply(action, arg) : services.clockControl.view();
      output(
        opts.json,
        view,
        `${view.now}${view.frozen ? ' (frozen)' : ''}${view.offsetMs ? ` offset ${view.offsetMs} ms` : ''}`,
      );
    });

  common(clock.command('show').description('print the current sandbox time')).action((opts: Flags) => show(opts));
  common(clock.command('freeze').description('stop time')).action((opts: Flags) => show(opts, 'freeze'));
  common(clock.command('unfreeze').description('let time run again')).action((opts: Flags) => show(opts, 'unfreeze'));
  common(clock.command('reset').description('back to wall-clock time')).action((opts: Flags) => show(opts, 'reset'));
  common(clock.command('advance <duration>').description('move forward, e.g. 2h, 90s, 1d12h')).action((by: string, opts: Flags) =>
    show(opts, 'advance', { by }),
  );
  common(clock.command('set <time>').description('jump to an ISO time')).action((to: string, opts: Flags) =>
    show(opts, 'set', { to }),
  );
}
