// `xl shutdown` and `xl reboot` [-a] [-w] [-F] [DOMAIN]: asks the guest through its PV
// control node (control/shutdown, when the guest advertises control/feature-<action>);
// a guest without PV control is refused, or with -F shut down by Xen itself
// (SCHEDOP_remote_shutdown, the only out-of-band power event a RISC-V guest has). -w waits
// until every asked domain has shut down; -a asks every guest.
import { XEN_DOMINF } from '../../hypervisor/abi/decl/domctl.js';
import { SHUTDOWN } from '../../hypervisor/abi/decl/sched-op.js';
import { connectLocal } from '../../xenstore/local-client.js';
import type { Host } from '../host.js';
import { HypercallFailed } from '../privcmd.js';
import { allDomains, findDomain } from './list.js';
import { EXIT_FAILURE, EXIT_SUCCESS, type XlOutput } from './output.js';

interface PowerAction {
  readonly command: string;
  /** What control/shutdown is set to, and the feature node that says the guest obeys it. */
  readonly request: 'poweroff' | 'reboot';
  readonly reason: number;
  readonly doing: string;
}

const ACTIONS: Readonly<Record<'shutdown' | 'reboot', PowerAction>> = {
  shutdown: { command: 'shutdown', request: 'poweroff', reason: SHUTDOWN.poweroff, doing: 'Shutting down' },
  reboot: { command: 'reboot', request: 'reboot', reason: SHUTDOWN.reboot, doing: 'Rebooting' },
};

export const xlShutdown = (host: Host, args: readonly string[], output: XlOutput): Promise<number> => run(ACTIONS.shutdown, host, args, output);
export const xlReboot = (host: Host, args: readonly string[], output: XlOutput): Promise<number> => run(ACTIONS.reboot, host, args, output);

async function run(action: PowerAction, host: Host, args: readonly string[], output: XlOutput): Promise<number> {
  const flags = new Set(args.filter((a) => a.startsWith('-')));
  const names = args.filter((a) => !a.startsWith('-'));
  const unknown = [...flags].find((f) => !['-a', '-w', '-F'].includes(f));
  const all = flags.has('-a');
  if (unknown !== undefined || (all ? names.length !== 0 : names.length !== 1)) {
    output.err(`Usage: xl ${action.command} [options] <-a|Domain>\n`);
    return EXIT_FAILURE;
  }
  let domids: number[];
  if (all) {
    domids = allDomains(host).map((info) => info.domain).filter((domid) => domid !== 0);
  } else {
    const domid = await findDomain(host, names[0], output);
    if (domid === undefined) return EXIT_FAILURE;
    domids = [domid];
  }
  // Watch before asking, so a guest that stops at once is not missed.
  const watcher = flags.has('-w') ? await DeathWatcher.start(host) : undefined;
  try {
    for (const domid of domids) {
      output.err(`${action.doing} domain ${domid}\n`);
      if (!(await ask(host, domid, action, flags.has('-F'), output))) return EXIT_FAILURE;
    }
    if (watcher !== undefined) {
      output.err(`Waiting for ${domids.length} domains\n`);
      await watcher.waitFor(domids, output);
    }
    return EXIT_SUCCESS;
  } finally {
    watcher?.close();
  }
}

async function ask(host: Host, domid: number, action: PowerAction, fallback: boolean, output: XlOutput): Promise<boolean> {
  const control = `/local/domain/${domid}/control`;
  const obeys = (await host.xs.read(`${control}/feature-${action.request}`).catch(() => '')) === '1';
  if (obeys) {
    await host.xs.write(`${control}/shutdown`, action.request);
    return true;
  }
  if (!fallback) {
    output.err('PV control interface not available: external graceful shutdown not possible.\nUse "-F" to fallback to ACPI power event.\n');
    return false;
  }
  output.err('PV control interface not available: shutting the domain down through Xen (SCHEDOP_remote_shutdown).\n');
  try {
    host.xc.remoteShutdown(domid, action.reason);
    return true;
  } catch (error) {
    if (!(error instanceof HypercallFailed)) throw error;
    output.err(`${action.command} failed (rc=-3)\n`);
    return false;
  }
}

/** xl's wait for domain death: @releaseDomain on a connection of its own, then getdomaininfo. */
class DeathWatcher {
  private wake: (() => void) | undefined;

  private constructor(private readonly host: Host, private readonly connection: ReturnType<typeof connectLocal>) {
    connection.client.onWatch = () => this.wake?.();
  }

  static async start(host: Host): Promise<DeathWatcher> {
    const watcher = new DeathWatcher(host, connectLocal(host.xenstored, 0));
    await watcher.connection.client.watch('@releaseDomain', 'xl-shutdown-wait');
    return watcher;
  }

  async waitFor(domids: readonly number[], output: XlOutput): Promise<void> {
    const waiting = new Set(domids);
    while (waiting.size > 0) {
      for (const domid of [...waiting]) {
        const flags = this.flagsOf(domid);
        if (flags === undefined || flags & XEN_DOMINF.dying) {
          output.err(`Domain ${domid} has been destroyed.\n`);
          waiting.delete(domid);
        } else if (flags & XEN_DOMINF.shutdown) {
          output.err(`Domain ${domid} has been shut down, reason code ${(flags >>> XEN_DOMINF.shutdownshift) & XEN_DOMINF.shutdownmask}\n`);
          waiting.delete(domid);
        }
      }
      if (waiting.size > 0) await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  close(): void {
    this.connection.close();
  }

  private flagsOf(domid: number): number | undefined {
    try {
      return this.host.xc.domainGetinfo(domid).flags;
    } catch (error) {
      if (error instanceof HypercallFailed) return undefined;
      throw error;
    }
  }
}
