// Domains on hart workers: two domains run at the same time on two harts (their fast-path
// calls never leave the harts), a paused domain leaves its hart until unpaused, and a
// domain destroyed while its vCPU runs on another hart never runs again and gives back its
// memory.
import { afterEach, describe, expect, it } from 'vitest';
import { XEN_DOMCTL } from '../../src/hypervisor/abi/decl/domctl.js';
import { spinner } from './parallel-guests.js';
import { type DataPlaneHost, dataPlaneHost, launch, runUntil } from './parallel-host.js';

let dp: DataPlaneHost | undefined;
afterEach(() => dp?.host.shutdown());

describe('domains on hart workers', () => {
  it('two domains run concurrently on two harts; pause takes one off its hart; destroying one mid-run stops it and frees its memory', async () => {
    dp = await dataPlaneHost('parallel', 2);
    const { hv, xc } = dp.host;
    const dataPlane = dp.host.harts!.dataPlane;
    const freeBefore = hv.frames.freeFrames;
    const guest = spinner();
    const a = await launch(dp, guest.elf);
    const b = await launch(dp, guest.elf);
    const count = Number(guest.count);
    const spins = (d: typeof a) => d.memory.readU64(count);
    expect(await runUntil(dp, () => spins(a) > 200_000n && spins(b) > 200_000n, 10_000)).toBe(true);

    // Each vCPU has a hart of its own: both were placed at once and neither waits.
    const [va, vb] = [a.vcpus[0]!, b.vcpus[0]!];
    expect(new Set([va.processor, vb.processor])).toEqual(new Set([0, 1]));
    expect(va.state).toBe('running');
    expect(vb.state).toBe('running');
    expect(dataPlane.instructions(va)).toBeGreaterThan(500_000);
    expect(dataPlane.instructions(vb)).toBeGreaterThan(500_000);
    // Their xen_version calls were served on the harts: no call reached this thread.
    expect(dataPlane.requests.call).toBe(0);

    // Paused, b leaves its hart and stops counting; unpaused, it runs again.
    xc.domctl(XEN_DOMCTL.pausedomain, b.domid, {});
    expect(await runUntil(dp, () => vb.state === 'offline', 5_000)).toBe(true);
    await runUntil(dp, () => false, 20);
    const paused = spins(b);
    await runUntil(dp, () => false, 30);
    expect(spins(b)).toBe(paused);
    xc.domctl(XEN_DOMCTL.unpausedomain, b.domid, {});
    expect(await runUntil(dp, () => spins(b) > paused + 100_000n, 10_000)).toBe(true);

    // Destroy a while it runs on its hart (this thread waits until that hart stops executing it).
    const counterMfn = a.p2m.lookup(Math.floor(count / 4096));
    const counterOffset = counterMfn * 4096 - hv.ram.base + count % 4096;
    xc.domctl(XEN_DOMCTL.destroydomain, a.domid, {});
    expect(hv.domain(a.domid)).toBeUndefined();
    const bAtDestroy = spins(b);
    await runUntil(dp, () => spins(b) > bAtDestroy + 200_000n, 10_000);
    // a's frames went back to Xen (scrubbed); had its vCPU run again, its counter would reappear.
    expect(hv.ram.view.getBigUint64(counterOffset, true)).toBe(0n);
    expect(spins(b)).toBeGreaterThan(bAtDestroy + 200_000n);
    xc.domctl(XEN_DOMCTL.destroydomain, b.domid, {});
    expect(hv.frames.freeFrames).toBe(freeBefore);
  });
});
