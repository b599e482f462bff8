// One domain's event channel ports: what each port is bound to and which vCPU it
// notifies. Ports are allocated lowest first from 1 up to the domain's max_evtchn_port
// (at most 4095 with the 2-level ABI); port 0 is reserved. As in Xen, a port number is
// "valid" once its bucket of 64 exists, whatever its state, and buckets are never freed
// until the table is reset.
import { EVTCHNSTAT } from '../hypervisor/abi/decl/event-channel.js';
import { EVTCHN_2L } from '../hypervisor/abi/decl/shared-info.js';
import { NR_VIRQS } from '../hypervisor/abi/decl/xen.js';

export type Channel =
  | { readonly state: 'closed' }
  | { readonly state: 'reserved' }
  | { readonly state: 'unbound'; vcpu: number; readonly remoteDomid: number }
  | { readonly state: 'interdomain'; vcpu: number; readonly remoteDomid: number; readonly remotePort: number }
  | { readonly state: 'virq'; vcpu: number; readonly virq: number }
  | { readonly state: 'ipi'; vcpu: number };

export type BoundChannel = Exclude<Channel, { state: 'closed' } | { state: 'reserved' }>;

/** EVTCHNSTAT_* of each state (a reserved port reads as closed). */
export const CHANNEL_STATUS: Readonly<Record<Channel['state'], number>> = {
  closed: EVTCHNSTAT.closed, reserved: EVTCHNSTAT.closed, unbound: EVTCHNSTAT.unbound,
  interdomain: EVTCHNSTAT.interdomain, virq: EVTCHNSTAT.virq, ipi: EVTCHNSTAT.ipi,
};

const BUCKET = EVTCHN_2L.BITS_PER_WORD;
const CLOSED: Channel = { state: 'closed' };

export class PortTable {
  /** Highest port number this domain may allocate. */
  readonly maxPort: number;
  private readonly channels: Channel[] = [];
  /** (vcpu, virq) → port, 0 when unbound. */
  private readonly virqPorts: Int32Array;

  constructor(maxEvtchnPort: number, readonly nrVcpus: number) {
    this.maxPort = Math.max(0, Math.min(maxEvtchnPort, EVTCHN_2L.NR_CHANNELS - 1));
    this.virqPorts = new Int32Array(nrVcpus * NR_VIRQS.NR_VIRQS);
    this.reset();
  }

  /** The first bucket exists from the start, port 0 reserved in it. */
  reset(): void {
    this.channels.length = 0;
    this.virqPorts.fill(0);
    this.grow(BUCKET);
    this.channels[0] = { state: 'reserved' };
  }

  /** Port numbers below this are valid (their bucket exists). */
  get validPorts(): number {
    return this.channels.length;
  }

  isValid(port: number): boolean {
    return Number.isInteger(port) && port >= 0 && port < this.channels.length;
  }

  /** The channel at a valid port. */
  get(port: number): Channel {
    return this.channels[port] ?? CLOSED;
  }

  /** Ports in use, lowest first. */
  boundPorts(): number[] {
    const ports: number[] = [];
    this.channels.forEach((c, port) => c.state !== 'closed' && c.state !== 'reserved' && ports.push(port));
    return ports;
  }

  /** The lowest free port, its bucket created if needed; undefined when none is left (-ENOSPC). */
  freePort(): number | undefined {
    for (let port = 1; port <= this.maxPort; port++) {
      if (port >= this.channels.length) this.grow(port - (port % BUCKET) + BUCKET);
      if (this.channels[port]!.state === 'closed') return port;
    }
    return undefined;
  }

  bind(port: number, channel: BoundChannel): void {
    this.channels[port] = channel;
    if (channel.state === 'virq') this.virqPorts[this.virqSlot(channel.vcpu, channel.virq)] = port;
  }

  /** Frees a port; the caller has already undone its binding's other side. */
  free(port: number): void {
    // A global VIRQ's port may notify another vCPU than the one it is bound on (bind_vcpu).
    if (this.channels[port]?.state === 'virq') {
      const slot = this.virqPorts.indexOf(port);
      if (slot >= 0) this.virqPorts[slot] = 0;
    }
    this.channels[port] = CLOSED;
  }

  /** The port bound to `virq` on `vcpu`, or 0. A global VIRQ is bound on vCPU 0 only. */
  virqPort(vcpu: number, virq: number): number {
    return this.virqPorts[this.virqSlot(vcpu, virq)] ?? 0;
  }

  private virqSlot(vcpu: number, virq: number): number {
    return vcpu * NR_VIRQS.NR_VIRQS + virq;
  }

  private grow(length: number): void {
    while (this.channels.length < Math.min(length, EVTCHN_2L.NR_CHANNELS)) this.channels.push(CLOSED);
  }
}
