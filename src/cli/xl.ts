// `xenrv xl ARGS`: one xl command on a freshly booted default host (its harts running, so
// `xl create -c guest.cfg` shows the guest's output until it is gone), or, with
// --connect SOCKET, on the host of a running `xenrv boot --listen SOCKET`.
import type { Command } from 'commander';
import { bootHost } from '../toolstack/host.js';
import { callXl } from '../toolstack/xl-socket.js';
import { runXl } from '../toolstack/xl/xl.js';
import { BOOT_DEFAULTS, bootOptionsFrom } from './boot.js';
import { readRawKeyboard } from './keyboard.js';

export function registerXl(program: Command): void {
  program
    .command('xl')
    .description('run one xl command (on a fresh default host, or --connect to a running one)')
    .option('--connect <socket>', 'the socket of a running `xenrv boot --listen`')
    .argument('[args...]', 'the xl command and its arguments')
    .allowUnknownOption()
    .passThroughOptions()
    .helpOption(false)
    .action(async (args: string[], options: { connect?: string }) => {
      if (options.connect !== undefined) {
        try {
          const reply = await callXl(options.connect, args);
          process.stdout.write(reply.stdout);
          process.stderr.write(reply.stderr);
          process.exitCode = reply.code;
        } catch (error) {
          process.stderr.write(`xenrv xl: cannot reach ${options.connect}: ${(error as Error).message}\n`);
          process.exitCode = 1;
        }
        return;
      }
      const host = await bootHost({ ...bootOptionsFrom(BOOT_DEFAULTS), execution: { mode: 'parallel' } });
      host.harts?.runInBackground();
      process.exitCode = await runXl(host, args, {
        out: (t) => process.stdout.write(t),
        err: (t) => process.stderr.write(t),
        ...(process.stdin.isTTY ? { input: readRawKeyboard } : {}),
      });
      await host.harts?.stop();
      host.shutdown();
    });
}
