// Two pingpong guests bound by an interdomain event channel, set up as a toolstack
// would: the pong domain is built paused, dom0 offers one of its ports to the ping
// domain (EVTCHNOP_alloc_unbound, dom = pong, remote_dom = ping), and the ping domain is
// built with that port in its boot arguments. Domain ids are handed out in order, so
// the ping domain's id is known before it exists; the helper checks it.
import { XEN_DOMCTL } from '../../src/hypervisor/abi/decl/domctl.js';
import { type Guest, type GuestHost, startGuest } from '../guests/support/guest-host.js';

export interface PingpongPair {
  ping: Guest;
  pong: Guest;
  /** The pong domain's port offered to ping. */
  port: number;
}

export interface PairOptions {
  /** The physical CPU each domain is pinned to (default: anywhere). */
  pingCpu?: number;
  pongCpu?: number;
  /** Extra boot arguments of both. */
  bootargs?: string;
}

function pinnedTo(cpu: number | undefined) {
  return cpu === undefined ? {} : { spec: { cpus: { kind: 'every-vcpu', set: { kind: 'only', cpus: [cpu] } } } as const };
}

export async function startPingpong(gh: GuestHost, count: number, options: PairOptions = {}): Promise<PingpongPair> {
  const extra = options.bootargs === undefined ? '' : ` ${options.bootargs}`;
  const pong = await startGuest(gh, 'pingpong', { name: 'pong', paused: true, bootargs: `role=pong count=${count}${extra}`, ...pinnedTo(options.pongCpu) });
  const pingDomid = pong.domain.domid + 1;
  const port = gh.host.xc.evtchnAllocUnbound(pong.domain.domid, pingDomid);
  const ping = await startGuest(gh, 'pingpong', {
    name: 'ping', paused: true, bootargs: `role=ping peer=${pong.domain.domid} port=${port} count=${count}${extra}`, ...pinnedTo(options.pingCpu),
  });
  if (ping.domain.domid !== pingDomid) throw new Error(`ping is d${ping.domain.domid}, its port was offered to d${pingDomid}`);
  for (const guest of [pong, ping]) gh.host.xc.domctl(XEN_DOMCTL.unpausedomain, guest.domain.domid, {});
  return { ping, pong, port };
}

/** The figures ping prints. */
export interface PingResult {
  p50: number;
  p90: number;
  p99: number;
  max: number;
  totalNs: number;
  replies: number;
}

export function parsePing(lines: readonly string[]): PingResult | undefined {
  const text = lines.join('\n');
  const latency = /round trip ns: p50 (\d+) p90 (\d+) p99 (\d+) max (\d+)/.exec(text);
  const total = /(\d+) round trips in (\d+) ns/.exec(text);
  const replies = /ping received (\d+) replies/.exec(text);
  if (latency === null || total === null || replies === null) return undefined;
  const [p50, p90, p99, max] = latency.slice(1).map(Number) as [number, number, number, number];
  return { p50, p90, p99, max, totalNs: Number(total[2]), replies: Number(replies[1]) };
}
