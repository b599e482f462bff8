import { describe, expect, it } from 'vitest';
import { RUNSTATE } from '../../src/hypervisor/abi/decl/vcpu.js';
import { SHUTDOWN } from '../../src/hypervisor/abi/decl/sched-op.js';
import { createDomU, testHost } from './test-host.js';

describe('domain lifecycle', () => {
  it('is created paused, runs when unpaused, and counts controller pauses', () => {
    const host = testHost();
    const d = createDomU(host);
    expect(d.state).toBe('paused');
    d.unpauseByController();
    expect(d.state).toBe('running');
    d.pauseByController();
    d.pauseByController();
    d.unpauseByController();
    expect(d.state).toBe('paused');
    d.unpauseByController();
    expect(d.state).toBe('running');
  });

  it('keeps the first shutdown reason until resumed', () => {
    const d = createDomU(testHost());
    d.unpauseByController();
    expect(d.shutdown(SHUTDOWN.reboot)).toBe(true);
    expect(d.shutdown(SHUTDOWN.crash)).toBe(false);
    expect(d.state).toBe('shutdown');
    expect(d.lifecycle.shutdownCode).toBe(SHUTDOWN.reboot);
    d.resume();
    expect(d.state).toBe('running');
    expect(d.lifecycle.shutdownCode).toBe(-1);
  });

  it('returns every frame to the heap when destroyed', () => {
    const host = testHost();
    const free = host.hv.frames.freeFrames;
    const d = createDomU(host);
    d.maxPages = 100;
    expect(d.populate(0x80000, 150)).toBe(100);
    expect(d.totPages).toBe(100);
    host.hv.destroyDomain(d);
    expect(d.state).toBe('dead');
    expect(host.hv.domain(d.domid)).toBeUndefined();
    expect(host.hv.frames.freeFrames).toBe(free);
  });
});

describe('vCPU lifecycle and runstate accounting', () => {
  it('follows pause flags and counts, and charges virtual time to the state it was spent in', () => {
    const host = testHost();
    const d = createDomU(host, 1);
    const v = d.vcpus[0];
    const clock = host.hv.clock;
    const t0 = clock.now();
    expect(v.state).toBe('offline');
    v.up();
    expect(v.state).toBe('offline'); // the domain is still paused
    clock.advanceBy(100);
    d.unpauseByController();
    expect(v.state).toBe('runnable');
    clock.advanceBy(50);
    v.schedule(2);
    expect(v.state).toBe('running');
    expect(v.processor).toBe(2);
    clock.advanceBy(1000);
    v.block();
    expect(v.state).toBe('blocked');
    clock.advanceBy(300);
    v.pause();
    expect(v.state).toBe('blocked'); // blocked dominates offline
    v.wake();
    expect(v.state).toBe('offline');
    clock.advanceBy(7);
    v.unpause();
    expect(v.state).toBe('runnable');
    clock.advanceBy(3);
    const rs = v.runstateNow();
    expect(rs.state).toBe(RUNSTATE.runnable);
    expect(rs.time[RUNSTATE.running]).toBe(1000);
    expect(rs.time[RUNSTATE.blocked]).toBe(300);
    expect(rs.time[RUNSTATE.runnable]).toBe(53);
    expect(rs.time[RUNSTATE.offline]).toBe(107);
    expect(rs.time.reduce((a, b) => a + b)).toBe(clock.now() - t0);
    expect(v.cpuTime()).toBe(1000);
  });

  it('leaves the CPU when paused while running', () => {
    const host = testHost();
    const d = createDomU(host, 1);
    const v = d.vcpus[0];
    v.up();
    d.unpauseByController();
    v.schedule(0);
    d.pauseByController();
    expect(v.state).toBe('offline');
    d.unpauseByController();
    expect(v.state).toBe('runnable');
  });
});
