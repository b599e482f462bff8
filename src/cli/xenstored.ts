// `xenrv xenstored`: the xenstore daemon on a unix socket, a drop-in for C
// xenstored when testing xenstore clients (XENSTORED_PATH=SOCKET).
import type { Command } from 'commander';

function collectQuota(spec: string, previous: Record<string, number>): Record<string, number> {
  const match = /^([a-z-]+)=([0-9]+)$/.exec(spec);
  if (!match) throw new Error(`--quota expects NAME=VALUE, got ${spec}`);
  return { ...previous, [match[1]]: Number(match[2]) };
}

export function registerXenstored(program: Command): void {
  program
    .command('xenstored')
    .description('run the xenstore daemon on a unix socket')
    .requiredOption('--socket <path>', 'unix socket to listen on')
    .option('--trace <file>', 'log every message in and out to FILE')
    .option('--state <file>', 'keep the tree, quotas, domains and watches in FILE across restarts')
    .option('--save-interval <seconds>', 'seconds between state saves while the tree changes', Number, 5)
    .option('--priv-domid <domid>', 'a second privileged domain besides dom0', Number)
    .option('--quota <name=value>', 'override a quota (repeatable), e.g. nodes=2000', collectQuota, {})
    .action(async (options: { socket: string; trace?: string; state?: string; saveInterval: number; privDomid?: number; quota: Record<string, number> }) => {
      // Imported here, not at the top: every other xenrv command starts without it.
      const { startDaemon } = await import('../xenstore/daemon.js');
      const daemon = await startDaemon({ ...options, quotas: options.quota });
      process.stderr.write(`xenstored: listening on ${options.socket}\n`);
      const stop = (): void => {
        daemon.stop().then(
          () => process.exit(0),
          (error: unknown) => {
            process.stderr.write(`xenstored: ${String(error)}\n`);
            process.exit(1);
          },
        );
      };
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
    });
}
