// xl.cfg → DomainSpec: the file's settings, then `xl create`'s `key=value` overrides (parsed
// as one more source named "<command line>"); the last setting of a key wins, or extends
// the value before it with `+=`. Syntax and range errors throw XlCfgError
// (`FILE:LINE:COL: message`); keys xenrv does not know come back as warnings.
import { GUEST_LAYOUT } from '../../hypervisor/abi/decl/guest-layout.js';
import { type CpuAffinity, type DomainSpec, NO_AFFINITY, SHUTDOWN_ACTIONS, type ShutdownAction } from './domain-spec.js';
import { type CpuSet, parseCpuSet } from './cpu-affinity.js';
import { integerInRange, settingError, stringOf, stringsOf } from './setting-values.js';
import { formatPosition, XlCfgError } from './source-error.js';
import { mergeSettings } from './merge-settings.js';
import { parseSettings, type Setting } from './syntax.js';

export interface XlCfgOptions {
  /** The file name used in messages. */
  readonly file?: string;
  /** `key=value` strings applied after the file, as `xl create FILE key=value...`. */
  readonly overrides?: readonly string[];
}

export interface ParsedXlCfg {
  readonly spec: DomainSpec;
  /** `FILE:LINE:COL: warning: ...` lines, in source order. */
  readonly warnings: readonly string[];
}

export const OVERRIDES_FILE = '<command line>';

/** The most vCPUs a guest can have (Xen's GUEST_MAX_VCPUS on Arm, which RISC-V follows). */
export const MAX_GUEST_VCPUS = 128;

const MIB = 1024 * 1024;
/** Guest RAM fits in the two RAM banks of the guest memory map. */
const MAX_MEMORY_MIB = (GUEST_LAYOUT.RAM0_SIZE + GUEST_LAYOUT.RAM1_SIZE) / MIB;
/** libxl's memory when the file gives none. */
const DEFAULT_MEMORY_MIB = 32;
const DEFAULT_POOL = 'Pool-0';
const MAX_WEIGHT = 65535;

const KNOWN_KEYS = new Set([
  'name', 'type', 'kernel', 'cmdline', 'root', 'extra', 'memory', 'maxmem', 'vcpus', 'maxvcpus',
  'cpus', 'cpus_soft', 'on_poweroff', 'on_reboot', 'on_crash', 'on_watchdog', 'pool', 'weight', 'cap',
]);

export function parseXlCfg(text: string, options: XlCfgOptions = {}): ParsedXlCfg {
  const file = options.file ?? 'config';
  const all = [...parseSettings(text, file), ...parseSettings((options.overrides ?? []).join('\n'), OVERRIDES_FILE)];
  const warnings: string[] = [];
  const warn: Warn = (setting, message) => {
    warnings.push(`${formatPosition(setting.at)}: warning: ${message}`);
  };
  for (const setting of all) if (!KNOWN_KEYS.has(setting.key)) warn(setting, `unknown key '${setting.key}' ignored`);
  const settings = mergeSettings(all.filter((setting) => KNOWN_KEYS.has(setting.key)));
  const get = (key: string): Setting | undefined => settings.get(key);
  const required = (key: string): Setting => {
    const setting = get(key);
    if (setting === undefined) throw new XlCfgError({ file }, `'${key}' must be set`);
    return setting;
  };

  const nameSetting = required('name');
  const name = validName(nameSetting);
  const type = get('type');
  if (type !== undefined && stringOf(type) !== 'pvh') settingError(type, `"${stringOf(type)}" is not supported (only "pvh" guests exist on RISC-V)`);

  const memorySetting = get('memory');
  const memoryMiB = memorySetting === undefined ? DEFAULT_MEMORY_MIB : integerInRange(memorySetting, 1, MAX_MEMORY_MIB, 'MiB');
  const maxmemSetting = get('maxmem');
  const maxMemoryMiB = maxmemSetting === undefined ? memoryMiB : integerInRange(maxmemSetting, 1, MAX_MEMORY_MIB, 'MiB');
  if (memoryMiB > maxMemoryMiB) {
    settingError(memorySetting ?? (maxmemSetting as Setting), `memory (${memoryMiB} MiB) must not exceed maxmem (${maxMemoryMiB} MiB)`);
  }

  const vcpusSetting = get('vcpus');
  const vcpus = vcpusSetting === undefined ? 1 : integerInRange(vcpusSetting, 1, MAX_GUEST_VCPUS);
  const maxvcpusSetting = get('maxvcpus');
  const maxVcpus = maxvcpusSetting === undefined ? vcpus : integerInRange(maxvcpusSetting, 1, MAX_GUEST_VCPUS);
  if (vcpus > maxVcpus) settingError(vcpusSetting ?? (maxvcpusSetting as Setting), `vcpus (${vcpus}) must not exceed maxvcpus (${maxVcpus})`);

  const weight = get('weight');
  const cap = get('cap');
  const pool = get('pool');
  const affinity = (key: string): CpuAffinity => affinityOf(get(key), maxVcpus, warn);

  const spec: DomainSpec = {
    name,
    type: 'pvh',
    kernel: stringOf(required('kernel')),
    cmdline: commandLine(get('cmdline'), get('root'), get('extra'), warn),
    memoryMiB,
    maxMemoryMiB,
    vcpus,
    maxVcpus,
    cpus: affinity('cpus'),
    cpusSoft: affinity('cpus_soft'),
    onPoweroff: action(get('on_poweroff'), 'destroy'),
    onReboot: action(get('on_reboot'), 'restart'),
    onCrash: action(get('on_crash'), 'destroy'),
    onWatchdog: action(get('on_watchdog'), 'destroy'),
    pool: pool === undefined ? DEFAULT_POOL : nonEmpty(pool),
    weight: weight === undefined ? undefined : integerInRange(weight, 1, MAX_WEIGHT),
    cap: cap === undefined ? 0 : integerInRange(cap, 0, 100 * vcpus),
  };
  return { spec, warnings };
}

type Warn = (setting: Setting, message: string) => void;

/** cpus or cpus_soft: a string for every vCPU, or a list with one string per vCPU. */
function affinityOf(setting: Setting | undefined, maxVcpus: number, warn: Warn): CpuAffinity {
  if (setting === undefined) return NO_AFFINITY;
  const sets = stringsOf(setting).map(({ text, value }) => {
    const set = parseCpuSet(text);
    if (typeof set === 'string') throw new XlCfgError(value.at, `${setting.key}: ${set}`);
    return set;
  });
  if (setting.value.kind !== 'list') return { kind: 'every-vcpu', set: sets[0] as CpuSet };
  if (sets.length > maxVcpus) warn(setting, `${setting.key} lists ${sets.length} entries for ${maxVcpus} vCPUs; the rest are ignored`);
  return { kind: 'per-vcpu', sets: sets.slice(0, maxVcpus) };
}

function nonEmpty(setting: Setting): string {
  const value = stringOf(setting);
  if (value === '') settingError(setting, 'must not be empty');
  return value;
}

function validName(setting: Setting): string {
  const name = nonEmpty(setting);
  if (name.includes('/')) settingError(setting, `"${name}" must not contain '/'`);
  if (name === 'Domain-0') settingError(setting, '"Domain-0" is the control domain\'s name');
  return name;
}

function action(setting: Setting | undefined, fallback: ShutdownAction): ShutdownAction {
  if (setting === undefined) return fallback;
  const name = stringOf(setting);
  const chosen = Object.hasOwn(SHUTDOWN_ACTIONS, name) ? SHUTDOWN_ACTIONS[name] : undefined;
  if (chosen === undefined) settingError(setting, `"${name}" is not one of ${Object.keys(SHUTDOWN_ACTIONS).join(', ')}`);
  return chosen as ShutdownAction;
}

/** xl's rule: cmdline wins (root and extra are then ignored, with a warning); else "root=R E". */
function commandLine(
  cmdline: Setting | undefined,
  root: Setting | undefined,
  extra: Setting | undefined,
  warn: Warn,
): string {
  if (cmdline !== undefined) {
    const ignored = root ?? extra;
    if (ignored !== undefined) warn(ignored, 'ignoring root= and extra= in favour of cmdline=');
    return stringOf(cmdline);
  }
  const parts = [root === undefined ? undefined : `root=${stringOf(root)}`, extra === undefined ? undefined : stringOf(extra)];
  return parts.filter((part) => part !== undefined).join(' ');
}
