// Console bytes from several hart workers come out in the order the harts wrote them.
import { describe, expect, it } from 'vitest';
import { ConsoleReorder, createConsoleCounter, NumberedConsole } from '../../src/harts/console-order.js';

const text = (s: string) => new TextEncoder().encode(s);

describe('console order across hart workers', () => {
  it('releases bytes in the order they were written, whatever order the batches arrive in', () => {
    const counter = createConsoleCounter();
    const hart1 = new NumberedConsole(counter);
    const hart2 = new NumberedConsole(counter);
    hart2.write(text('hart 2 read'));   // hart 2 holds the lock, its batch is cut here
    const hart2First = hart2.take();
    hart2.write(text('y\n'));           // ... then releases the lock
    hart1.write(text('hart 1 ready\n'));
    const out: string[] = [];
    const reorder = new ConsoleReorder((bytes) => out.push(new TextDecoder().decode(bytes)));
    reorder.accept(hart2First);
    reorder.accept(hart1.take());       // arrives before hart 2's second batch: held back
    expect(out.join('')).toBe('hart 2 read');
    reorder.accept(hart2.take());
    expect(out.join('')).toBe('hart 2 ready\nhart 1 ready\n');
  });

  it('joins consecutive writes into one run and drains a gap left by a lost batch', () => {
    const counter = createConsoleCounter();
    const a = new NumberedConsole(counter);
    const b = new NumberedConsole(counter);
    a.write(text('a'));
    a.write(text('b'));
    b.write(text('lost'));
    a.write(text('c'));
    const runs = a.take();
    expect(runs.map((run) => [run.first, new TextDecoder().decode(run.bytes)])).toEqual([[0, 'ab'], [6, 'c']]);
    const out: string[] = [];
    const reorder = new ConsoleReorder((bytes) => out.push(new TextDecoder().decode(bytes)));
    reorder.accept(runs);
    expect(out.join('')).toBe('ab');
    reorder.drain();
    expect(out.join('')).toBe('abc');
  });
});
