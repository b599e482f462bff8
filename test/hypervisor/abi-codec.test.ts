// The declaration machinery: C layout rules, typed reads and writes, unions chosen by a
// selector field, strings and byte arrays, and the errors a bad declaration or value gives.
import { describe, expect, it } from 'vitest';
import {
  EVTCHNSTAT, XEN_DOMCTL, XEN_DOMCTL_INTERFACE_VERSION, XEN_SCHEDULER, XenErrno, constantGroup, errnoName,
  evtchnStatus, handle, handleAddress, patchGuest, readGuest, sharedInfo, struct, union, vcpuRunstateInfo, writeGuest,
  xenCompileInfo, xenDomctl, xenctlBitmap, xenError, xenVarbuf,
} from '../../src/hypervisor/abi/index.js';
import type { GuestMemoryAccess } from '../../src/hypervisor/abi/index.js';

function buffer(size: number): { bytes: Uint8Array; view: DataView } {
  const bytes = new Uint8Array(size);
  return { bytes, view: new DataView(bytes.buffer) };
}

describe('C layout rules', () => {
  it('aligns each member naturally and pads the struct to its widest member', () => {
    const s = struct('t_pad', [['a', 'u8'], ['b', 'u64'], ['c', 'u16']]);
    expect(s.fields.map((f) => f.offset)).toEqual([0, 8, 16]);
    expect([s.size, s.align]).toEqual([24, 8]);
  });

  it('makes a union as large as its largest variant, rounded to its alignment', () => {
    const u = union('t_union', [['small', 'u8', 3], ['wide', 'u32']]);
    expect([u.size, u.align]).toEqual([4, 4]);
  });

  it('gives guest handles 8 bytes at 8-byte alignment', () => {
    const s = struct('t_handle', [['n', 'u32'], ['h', handle('uint8_t')]]);
    expect(s.offsetOf('h')).toBe(8);
    expect(s.size).toBe(16);
  });

  it('places a flexible array at the end without size', () => {
    expect(xenVarbuf.size).toBe(4);
    expect(() => struct('t_flex', [['buf', 'u8', 'flex'], ['n', 'u32']])).toThrow(/flexible array must be the last/);
  });

  it('refuses a declaration whose layout differs from the size the spec gives', () => {
    expect(() => struct('t_wrong', [['a', 'u32'], ['b', 'u64']], { size: 12 }))
      .toThrow('struct t_wrong: C layout gives 16 bytes, the spec says 12');
  });

  it('refuses duplicate members, bad names and bad counts', () => {
    expect(() => struct('t_dup', [['a', 'u8'], ['a', 'u8']])).toThrow(/declared twice/);
    expect(() => struct('t_name', [['a-b', 'u8']])).toThrow("t_name: 'a-b' is not a C identifier");
    expect(() => struct('t_count', [['a', 'u8', 0]])).toThrow(/positive integer/);
  });

  it('refuses a union selector that does not name an earlier scalar', () => {
    const u = union('t_sel', [['x', 'u32']], { select: { by: 'kind', cases: { 1: 'x' } } });
    expect(() => struct('t_sel_parent', [['u', u], ['kind', 'u32']])).toThrow(/must be an earlier scalar member/);
  });
});

describe('reading and writing', () => {
  it('round-trips scalars, 64-bit bigints and arrays at an offset', () => {
    const { view } = buffer(64);
    const value = { state: 2, state_entry_time: 0x1234_5678_9abc_def0n, time: [1n, 2n, 3n, 2n ** 64n - 1n] };
    vcpuRunstateInfo.write(view, 8, value);
    expect(view.getUint32(8, true)).toBe(2);
    expect(view.getBigUint64(16, true)).toBe(0x1234_5678_9abc_def0n);
    expect(vcpuRunstateInfo.read(view, 8)).toEqual(value);
  });

  it('writes little-endian signed fields', () => {
    const s = struct('t_signed', [['a', 'i16'], ['b', 'i8'], ['c', 'i64']]);
    const bytes = s.encode({ a: -2, b: -1, c: -3n });
    expect([...bytes.slice(0, 3)]).toEqual([0xfe, 0xff, 0xff]);
    expect(s.decode(bytes)).toEqual({ a: -2, b: -1, c: -3n });
  });

  it('patch writes only the members given', () => {
    const { view, bytes } = buffer(24);
    bytes.fill(0xaa);
    evtchnStatus.patch(view, 0, { status: EVTCHNSTAT.virq });
    expect(view.getUint32(8, true)).toBe(EVTCHNSTAT.virq);
    expect(bytes[0]).toBe(0xaa);
    expect(bytes[12]).toBe(0xaa);
  });

  it('write insists on every member', () => {
    const { view } = buffer(48);
    // @ts-expect-error: time is missing
    expect(() => vcpuRunstateInfo.write(view, 0, { state: 0, state_entry_time: 0n })).toThrow("no value for member 'time'");
  });

  it('reads char arrays as strings up to the NUL and writes them NUL-padded', () => {
    const bytes = xenCompileInfo.encode({ compiler: 'gcc 12', compile_by: 'xenrv' });
    expect(bytes[6]).toBe(0);
    expect(xenCompileInfo.decode(bytes)).toMatchObject({ compiler: 'gcc 12', compile_by: 'xenrv', compile_date: '' });
    expect(() => xenCompileInfo.encode({ compile_by: 'x'.repeat(17) })).toThrow(/17 elements do not fit in 16/);
  });

  it('decodes the union variant the selector field names, and only that one', () => {
    const bytes = evtchnStatus.encode({ dom: 0x7ff0, port: 5, status: EVTCHNSTAT.interdomain, vcpu: 1, u: { interdomain: { dom: 3, port: 9 } } });
    expect(evtchnStatus.decode(bytes).u).toEqual({ interdomain: { dom: 3, port: 9 } });
    const closed = evtchnStatus.encode({ status: EVTCHNSTAT.closed });
    expect(evtchnStatus.decode(closed).u).toEqual({});
  });

  it('reads every variant of a union read on its own', () => {
    const bytes = evtchnStatus.encode({ u: { interdomain: { dom: 3, port: 9 } } });
    expect(evtchnStatus.field('u').get(new DataView(bytes.buffer), 0)).toEqual({
      unbound: { dom: 3 }, interdomain: { dom: 3, port: 9 }, pirq: 3, virq: 3,
    });
  });

  it('reads a domctl with its payload chosen by cmd, nested unions included', () => {
    const bytes = xenDomctl.encode({
      cmd: XEN_DOMCTL.scheduler_op, interface_version: XEN_DOMCTL_INTERFACE_VERSION, domain: 1,
      u: { scheduler_op: { sched_id: XEN_SCHEDULER.CREDIT2, cmd: 1, u: { credit2: { weight: 512, cap: 0 } } } },
    });
    expect(new DataView(bytes.buffer).getUint16(16 + 8, true)).toBe(512);
    const domctl = xenDomctl.decode(bytes);
    expect(domctl.u).toEqual({ scheduler_op: { sched_id: XEN_SCHEDULER.CREDIT2, cmd: 1, u: { credit2: { weight: 512, cap: 0 } } } });
  });

  it('gives one-field accessors that agree with the full codec', () => {
    const { view } = buffer(1200);
    const pending = sharedInfo.field('evtchn_pending');
    const selector = sharedInfo.field('wc_version');
    selector.set(view, 0, 7);
    expect(view.getUint32(1072, true)).toBe(7);
    expect(pending.offset).toBe(48);
    expect(sharedInfo.read(view, 0).wc_version).toBe(7);
    expect(() => sharedInfo.offsetOf('nope' as 'wc_sec')).toThrow("struct shared_info has no member 'nope'");
  });

  it('refuses a buffer shorter than the struct', () => {
    expect(() => xenDomctl.decode(new Uint8Array(100))).toThrow('xen_domctl: need 144 bytes, got 100');
  });
});

describe('guest memory', () => {
  /** A guest RAM of one page at gpa 0x80000000 that faults outside it, like the real accessor. */
  function page(): GuestMemoryAccess & { ram: Uint8Array } {
    const ram = new Uint8Array(4096);
    const check = (gpa: number, length: number): number => {
      const at = gpa - 0x80000000;
      if (at < 0 || at + length > ram.length) throw new Error('EFAULT');
      return at;
    };
    return {
      ram,
      read: (gpa, length) => ram.slice(check(gpa, length), check(gpa, length) + length),
      write: (gpa, bytes) => ram.set(bytes, check(gpa, bytes.length)),
    };
  }

  it('reads, writes and patches a structure by guest-physical address', () => {
    const memory = page();
    writeGuest(memory, xenctlBitmap, 0x80000010, { bitmap: 0x80001000n, nr_bits: 64 });
    patchGuest(memory, xenctlBitmap, 0x80000010, { nr_bits: 8 });
    expect(readGuest(memory, xenctlBitmap, 0x80000010)).toEqual({ bitmap: 0x80001000n, nr_bits: 8 });
    expect(memory.ram[0x10]).toBe(0x00);
    expect(memory.ram[0x13]).toBe(0x80);
  });

  it('turns guest handles into addresses, handles beyond 2^53 into one no accessor maps', () => {
    expect(handleAddress(0x80001000n)).toBe(0x80001000);
    expect(handleAddress(2n ** 64n - 1n)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('passes the accessor\'s fault through', () => {
    expect(() => readGuest(page(), xenDomctl, 0x80000ff0)).toThrow('EFAULT');
  });
});

describe('constants', () => {
  it('negates errno values for hypercall returns and names them', () => {
    expect(xenError(XenErrno.ENOSYS)).toBe(-38);
    expect(errnoName(-13)).toBe('EACCES');
    expect(errnoName(-1000)).toBeUndefined();
  });

  it('keeps each group\'s C prefix', () => {
    expect(constantGroup(XEN_DOMCTL).prefix).toBe('XEN_DOMCTL_');
    expect(() => constantGroup({})).toThrow(/not a constant group/);
  });
});
