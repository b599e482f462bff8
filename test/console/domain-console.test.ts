// The backend's view of one console page: output taken from out[] with free-running
// indices, input put into in[] as room allows, the newest `limit` bytes kept, and a page
// whose indices are corrupt left alone.
import { describe, expect, it } from 'vitest';
import { xenconsInterface } from '../../src/hypervisor/abi/decl/console.js';
import { ConsoleRing } from '../../src/toolstack/console/console-ring.js';
import { DomainConsole } from '../../src/toolstack/console/domain-console.js';

const OUT = xenconsInterface.offsetOf('out');
const IN = xenconsInterface.offsetOf('in');

/** A console page with the guest side written by hand, and a console over it. */
function consolePage(limit = 1024) {
  const page = new Uint8Array(new SharedArrayBuffer(4096));
  const view = new DataView(page.buffer);
  const word = (field: 'in_cons' | 'in_prod' | 'out_cons' | 'out_prod') => xenconsInterface.offsetOf(field);
  let signals = 0;
  const console = new DomainConsole(7, new ConsoleRing(page), limit, () => true);
  console.bind({ notify: () => signals++, close: () => {} });
  const guestWrites = (text: string): void => {
    let prod = view.getUint32(word('out_prod'), true);
    for (const byte of Buffer.from(text)) page[OUT + (prod++ & 2047)] = byte;
    view.setUint32(word('out_prod'), prod >>> 0, true);
    console.service();
  };
  const guestReads = (): string => {
    let cons = view.getUint32(word('in_cons'), true);
    const prod = view.getUint32(word('in_prod'), true);
    let text = '';
    while (cons !== prod) text += String.fromCharCode(page[IN + (cons++ & 1023)]);
    view.setUint32(word('in_cons'), cons >>> 0, true);
    console.service();
    return text;
  };
  return { console, view, word, guestWrites, guestReads, signals: () => signals };
}

describe('a domain console', () => {
  it('takes output across the ring wrap and across index wrap-around at 2^32', () => {
    const c = consolePage();
    c.view.setUint32(c.word('out_cons'), 0xfffffffe, true);
    c.view.setUint32(c.word('out_prod'), 0xfffffffe, true);
    c.guestWrites('wraps fine\n');
    expect(Buffer.from(c.console.keptOutput()).toString()).toBe('wraps fine\n');
    expect(c.view.getUint32(c.word('out_cons'), true)).toBe(9);
    expect(c.signals()).toBe(1);
  });

  it('keeps only the newest limit bytes', () => {
    const c = consolePage(8);
    c.guestWrites('0123456789');
    c.guestWrites('ab');
    expect(Buffer.from(c.console.keptOutput()).toString()).toBe('456789ab');
  });

  it('holds input that does not fit until the guest makes room', () => {
    const c = consolePage();
    c.console.input(Buffer.from('x'.repeat(1500)));
    expect(c.guestReads()).toBe('x'.repeat(1024));
    expect(c.guestReads()).toBe('x'.repeat(476));
  });

  it('leaves a ring whose indices claim more than out[] holds alone', () => {
    const c = consolePage();
    c.view.setUint32(c.word('out_prod'), 5000, true);
    c.console.service();
    expect(c.console.keptOutput().length).toBe(0);
    expect(c.view.getUint32(c.word('out_cons'), true)).toBe(0);
    c.view.setUint32(c.word('out_prod'), 0, true);
    c.guestWrites('repaired\n');
    expect(Buffer.from(c.console.keptOutput()).toString()).toBe('repaired\n');
  });

  it('tells attached viewers when it closes, and takes no more input', () => {
    const c = consolePage();
    let closed = 0;
    c.console.attach({ output: () => {}, closed: () => closed++ });
    c.console.close();
    c.console.input(Buffer.from('late'));
    expect(closed).toBe(1);
    expect(c.console.isOpen).toBe(false);
  });
});
