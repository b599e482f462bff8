// Finds the external tools some tests compare against (cross compiler, QEMU, Debian's
// xenstore tools). A test whose tool is missing skips with the reason in its name;
// under CI (XENRV_REQUIRE_PEERS=1) a missing tool fails the run instead.
import { execFileSync } from 'node:child_process';

export function hasCommand(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The reason to skip, or undefined when every command is present. Throws under CI. */
export function missingTools(...commands: string[]): string | undefined {
  const missing = commands.filter((c) => !hasCommand(c));
  if (missing.length === 0) return undefined;
  const reason = `needs ${missing.join(', ')} (not installed)`;
  if (process.env.XENRV_REQUIRE_PEERS === '1') throw new Error(`CI requires ${reason}`);
  return reason;
}
