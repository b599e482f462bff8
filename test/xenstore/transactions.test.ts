// Transactions with C xenstored's generation-count conflict rule (spec §1.6).
import { describe, expect, it } from 'vitest';
import { connectLocal } from '../../src/xenstore/local-client.js';
import { makeWorld, outcome } from './guests.js';

function twoClients() {
  const world = makeWorld();
  return { ...world, other: connectLocal(world.store).client };
}

describe('xenstored transactions', () => {
  it('keeps changes private until commit', async () => {
    const { dom0, other } = twoClients();
    await dom0.write('/t/x', 'old');
    const tx = await dom0.transactionStart();
    await dom0.write('/t/x', 'new', tx);
    await dom0.write('/t/y', 'created', tx);
    expect(await dom0.read('/t/x', tx)).toBe('new');
    expect(await other.read('/t/x')).toBe('old');
    expect(await outcome(other.read('/t/y'))).toBe('ENOENT');
    await dom0.transactionEnd(tx, true);
    expect(await other.read('/t/x')).toBe('new');
    expect(await other.read('/t/y')).toBe('created');
  });

  it('leaves no trace when aborted: tree, generation and watches untouched', async () => {
    const { dom0, other, store } = twoClients();
    await dom0.write('/t/x', 'old');
    await other.watch('/t', 'tok');
    await other.nextEvent();
    const generation = store.tree.generation;
    const tx = await dom0.transactionStart();
    await dom0.write('/t/x', 'new', tx);
    await dom0.rm('/t', tx);
    await dom0.transactionEnd(tx, false);
    expect(await other.read('/t/x')).toBe('old');
    expect(store.tree.generation).toBe(generation);
    await dom0.write('/t/marker', '1');
    expect(await other.nextEvent()).toEqual(['/t/marker', 'tok']);
  });

  it.each([
    ['a sibling created outside', '/t/new2', 'EAGAIN'],
    ['the node written outside', '/t/x', 'EAGAIN'],
    ['a disjoint node written outside', '/u/other', 'OK'],
  ])('a transaction writing /t/x and creating /t/new1 vs %s: %s', async (_name, outside, expected) => {
    const { dom0, other } = twoClients();
    await dom0.write('/t/x', '0');
    await dom0.write('/u/other', '0');
    const tx = await dom0.transactionStart();
    await dom0.write('/t/x', 'blind', tx);
    await dom0.write('/t/new1', 'v', tx);
    await other.write(outside, 'changed');
    expect(await outcome(dom0.transactionEnd(tx, true))).toBe(expected);
    expect(await outcome(other.read('/t/new1'))).toBe(expected === 'OK' ? 'OK' : 'ENOENT');
  });

  it('conflicts when a node it read was changed, even if it then wrote it', async () => {
    const { dom0, other } = twoClients();
    await dom0.write('/c', '1');
    const tx = await dom0.transactionStart();
    const value = Number(await dom0.read('/c', tx));
    await other.write('/c', '10');
    await dom0.write('/c', String(value + 1), tx);
    expect(await outcome(dom0.transactionEnd(tx, true))).toBe('EAGAIN');
    expect(await dom0.read('/c')).toBe('10');
  });

  it('fires watch events at commit, once per changed path', async () => {
    const { dom0, other } = twoClients();
    await other.watch('/w', 'tok');
    await other.nextEvent();
    const tx = await dom0.transactionStart();
    await dom0.write('/w/a', '1', tx);
    await dom0.write('/w/a', '2', tx);
    await dom0.write('/w/b', '3', tx);
    expect(other.events).toEqual([]);
    await dom0.transactionEnd(tx, true);
    await dom0.read('/w/a');
    expect(other.events).toEqual([['/w/a', 'tok'], ['/w/b', 'tok']]);
  });

  it('kills the id at END and refuses nested starts; RESET_WATCHES ends transactions', async () => {
    const { dom0 } = twoClients();
    const tx = await dom0.transactionStart();
    expect(await outcome(dom0.call(6, '\0', tx))).toBe('EBUSY');
    expect(await outcome(dom0.transactionEnd(tx, false))).toBe('OK');
    expect(await outcome(dom0.read('/tool', tx))).toBe('ENOENT');
    const tx2 = await dom0.transactionStart();
    expect(tx2).toBe(tx + 1);
    await dom0.call(21, '\0');
    expect(await outcome(dom0.transactionEnd(tx2, true))).toBe('ENOENT');
  });

  it('keeps a transaction open when END has a bad argument', async () => {
    const { dom0 } = twoClients();
    const tx = await dom0.transactionStart();
    expect(await outcome(dom0.call(7, 'X\0', tx))).toBe('EINVAL');
    expect(await outcome(dom0.transactionEnd(tx, true))).toBe('OK');
  });
});
