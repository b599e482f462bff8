// `xl vcpu-list [DOMAIN...]`: xl_vcpu.c's layout, one row per vCPU from domctl
// getvcpuinfo and getvcpuaffinity: pCPU, state letters, running time, hard / soft affinity.
import type { DomainInfo } from '../../hypervisor/domain-info.js';
import type { Host } from '../host.js';
import { formatCpuSet } from './cpu-ranges.js';
import { allDomains, domainName, findDomain } from './list.js';
import { EXIT_FAILURE, EXIT_SUCCESS, type XlOutput } from './output.js';

const HEADER = 'Name                                ID  VCPU   CPU State   Time(s) Affinity (Hard / Soft)\n';

async function rows(host: Host, info: DomainInfo, nrCpus: number): Promise<string> {
  const name = (await domainName(host, info.domain)) ?? '(null)';
  let text = '';
  const count = info.max_vcpu_id === 0xffffffff ? 0 : info.max_vcpu_id + 1;
  for (let vcpu = 0; vcpu < count; vcpu++) {
    const state = host.xc.vcpuInfo(info.domain, vcpu);
    const affinity = host.xc.vcpuAffinity(info.domain, vcpu);
    const letters = `${state.running ? 'r' : '-'}${state.blocked ? 'b' : '-'}${state.online ? '-' : 'p'}`;
    const cpu = state.online ? String(state.cpu) : '-';
    const seconds = (Number(state.cpuTimeNs) / 1e9).toFixed(1);
    text += `${name.padEnd(32)} ${String(info.domain).padStart(5)} ${String(vcpu).padStart(5)}${cpu.padStart(5)}   ${letters} ${seconds.padStart(9)}  `
      + `${formatCpuSet(affinity.hard, nrCpus)} / ${formatCpuSet(affinity.soft, nrCpus)}\n`;
  }
  return text;
}

export async function xlVcpuList(host: Host, args: readonly string[], output: XlOutput): Promise<number> {
  const option = args.find((a) => a.startsWith('-'));
  if (option !== undefined) {
    output.err(`xl vcpu-list: unknown option '${option}'\nUsage: xl vcpu-list [Domain, ...]\n`);
    return EXIT_FAILURE;
  }
  const nrCpus = host.xc.physinfo().nr_cpus;
  let infos: DomainInfo[];
  if (args.length === 0) {
    infos = allDomains(host);
  } else {
    infos = [];
    for (const qualifier of args) {
      const domid = await findDomain(host, qualifier, output);
      if (domid === undefined) return EXIT_FAILURE;
      infos.push(host.xc.domainGetinfo(domid));
    }
  }
  let text = HEADER;
  for (const info of infos) text += await rows(host, info, nrCpus);
  output.out(text);
  return EXIT_SUCCESS;
}
