// `xl vcpu-pin DOMAIN VCPU|all HARD|-|all [SOFT|-|all]`: sets hard and/or soft affinity
// through domctl setvcpuaffinity; `-` leaves that affinity as it is.
import type { Host } from '../host.js';
import { HypercallFailed } from '../privcmd.js';
import { parseCpuList } from './cpu-ranges.js';
import { findDomain } from './list.js';
import { EXIT_FAILURE, EXIT_SUCCESS, type XlOutput } from './output.js';

const USAGE = 'Usage: xl vcpu-pin <Domain> <VCPU|all> <Hard affinity|-|all> <Soft affinity|-|all>\n';

export async function xlVcpuPin(host: Host, args: readonly string[], output: XlOutput): Promise<number> {
  if (args.includes('-f')) {
    output.err('xl vcpu-pin: -f is not supported: guests cannot override pinning here (SCHEDOP_pin_override is not modelled)\n');
    return EXIT_FAILURE;
  }
  if (args.length < 3 || args.length > 4) {
    output.err(USAGE);
    return EXIT_FAILURE;
  }
  const [qualifier, vcpuArg, hardArg, softArg = '-'] = args as [string, string, string, string?];
  const nrCpus = host.xc.physinfo().nr_cpus;
  const affinity = (text: string): number[] | undefined | string => (text === '-' ? undefined : parseCpuList(text, nrCpus));
  const hard = affinity(hardArg);
  const soft = affinity(softArg);
  if (typeof hard === 'string' || typeof soft === 'string') {
    output.err(`xl vcpu-pin: ${typeof hard === 'string' ? hard : soft}\n`);
    return EXIT_FAILURE;
  }
  const domid = await findDomain(host, qualifier, output);
  if (domid === undefined) return EXIT_FAILURE;
  const info = host.xc.domainGetinfo(domid);
  const count = info.max_vcpu_id === 0xffffffff ? 0 : info.max_vcpu_id + 1;
  let vcpus: number[];
  if (vcpuArg === 'all') {
    vcpus = Array.from({ length: count }, (_, i) => i);
  } else if (/^\d+$/.test(vcpuArg) && Number(vcpuArg) < count) {
    vcpus = [Number(vcpuArg)];
  } else {
    output.err(`xl vcpu-pin: invalid vCPU '${vcpuArg}' (domain ${domid} has ${count})\n`);
    return EXIT_FAILURE;
  }
  for (const vcpu of vcpus) {
    try {
      host.xc.setVcpuAffinity(domid, vcpu, hard, soft);
    } catch (error) {
      if (!(error instanceof HypercallFailed)) throw error;
      output.err(`Setting affinity failed on vcpu \`${vcpu}'.\n`);
      return EXIT_FAILURE;
    }
  }
  return EXIT_SUCCESS;
}
