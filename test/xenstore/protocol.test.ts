// Requests from dom0 through an in-process connection: replies and error names
// as C xenstored gives them (spec §1.2–1.4).
import { describe, expect, it } from 'vitest';
import { Msg } from '../../src/xenstore/wire.js';
import { makeWorld, outcome } from './guests.js';

async function raw(type: number, payload: string, txId = 0): Promise<string> {
  const { dom0 } = makeWorld();
  const reply = await dom0.request(type, Buffer.from(payload, 'latin1'), txId);
  return `${reply.type === Msg.ERROR ? 'ERROR ' : ''}${reply.payload.toString('latin1')}`;
}

describe('xenstored protocol (dom0)', () => {
  it.each([
    ['READ of a missing node', Msg.READ, '/nope\0', 'ERROR ENOENT\0'],
    ['READ without a NUL', Msg.READ, '/tool', 'ERROR EINVAL\0'],
    ['READ of an empty path', Msg.READ, '\0', 'ERROR EINVAL\0'],
    ['READ of an @ name', Msg.READ, '@foo\0', 'ERROR EINVAL\0'],
    ['READ with a trailing slash', Msg.READ, '/tool/\0', 'ERROR EINVAL\0'],
    ['READ with //', Msg.READ, '/a//b\0', 'ERROR EINVAL\0'],
    ['READ with a space', Msg.READ, '/a b\0', 'ERROR EINVAL\0'],
    ['READ of a relative path (dom0)', Msg.READ, 'rel\0', 'ERROR ENOENT\0'],
    ['DIRECTORY of /tool', Msg.DIRECTORY, '/tool\0', 'xenstored\0'],
    ['DIRECTORY_PART from 0', Msg.DIRECTORY_PART, '/tool\0' + '0\0', '2\0xenstored\0\0'],
    ['DIRECTORY_PART past the end', Msg.DIRECTORY_PART, '/tool\0' + '30\0', '2\0\0'],
    ['DIRECTORY_PART without offset', Msg.DIRECTORY_PART, '/tool\0', 'ERROR EINVAL\0'],
    ['GET_PERMS of /tool', Msg.GET_PERMS, '/tool\0', 'n0\0'],
    ['GET_PERMS of @introduceDomain', Msg.GET_PERMS, '@introduceDomain\0', 'ERROR EINVAL\0'],
    ['SET_PERMS without perms', Msg.SET_PERMS, '/tool\0', 'ERROR EINVAL\0'],
    ['SET_PERMS with a bad letter', Msg.SET_PERMS, '/tool\0x0\0', 'ERROR EINVAL\0'],
    ['SET_PERMS without domid', Msg.SET_PERMS, '/tool\0n\0', 'ERROR EINVAL\0'],
    ['SET_PERMS on @releaseDomain', Msg.SET_PERMS, '@releaseDomain\0n0\0r5\0', 'OK\0'],
    ['WRITE without NUL', Msg.WRITE, '/q', 'ERROR EINVAL\0'],
    ['WRITE of an empty value', Msg.WRITE, '/q\0', 'OK\0'],
    ['RM of /', Msg.RM, '/\0', 'ERROR EINVAL\0'],
    ['RM below a missing parent', Msg.RM, '/no/such\0', 'ERROR ENOENT\0'],
    ['RM of a missing node whose parent exists', Msg.RM, '/tool/none\0', 'OK\0'],
    ['WATCH without token', Msg.WATCH, '/w\0', 'ERROR EINVAL\0'],
    ['WATCH of an empty path', Msg.WATCH, '\0t\0', 'ERROR EINVAL\0'],
    ['WATCH with a bad depth', Msg.WATCH, '/w\0t\0x\0', 'ERROR EINVAL\0'],
    ['UNWATCH of no watch', Msg.UNWATCH, '/w\0t\0', 'ERROR ENOENT\0'],
    ['TRANSACTION_START', Msg.TRANSACTION_START, '\0', '1\0'],
    ['TRANSACTION_END of tx 0', Msg.TRANSACTION_END, 'T\0', 'ERROR ENOENT\0'],
    ['GET_DOMAIN_PATH 7', Msg.GET_DOMAIN_PATH, '7\0', '/local/domain/7\0'],
    ['GET_DOMAIN_PATH abc', Msg.GET_DOMAIN_PATH, 'abc\0', '/local/domain/0\0'],
    ['IS_DOMAIN_INTRODUCED 0', Msg.IS_DOMAIN_INTRODUCED, '0\0', 'T\0'],
    ['IS_DOMAIN_INTRODUCED 5', Msg.IS_DOMAIN_INTRODUCED, '5\0', 'F\0'],
    ['INTRODUCE with two arguments', Msg.INTRODUCE, '6\0' + '100\0', 'ERROR EINVAL\0'],
    ['INTRODUCE with port 0', Msg.INTRODUCE, '6\0' + '100\0' + '0\0', 'ERROR EINVAL\0'],
    ['RELEASE of an unknown domain', Msg.RELEASE, '8\0', 'ERROR ENOENT\0'],
    ['RESUME of an unknown domain', Msg.RESUME, '8\0', 'ERROR ENOENT\0'],
    ['SET_TARGET of an unknown domain', Msg.SET_TARGET, '5\0' + '8\0', 'ERROR ENOENT\0'],
    ['RESET_WATCHES', Msg.RESET_WATCHES, '\0', 'OK\0'],
    ['WATCH_EVENT sent by a client', Msg.WATCH_EVENT, 'x\0', 'ERROR ENOSYS\0'],
    ['ERROR sent by a client', Msg.ERROR, 'x\0', 'ERROR ENOSYS\0'],
    ['the removed RESTRICT', 20, '\0', 'ERROR ENOSYS\0'],
    ['GET_FEATURE (not in 4.17)', 23, '\0', 'ERROR ENOSYS\0'],
    ['XS_INVALID', 65535, '\0', 'ERROR ENOSYS\0'],
    ['CONTROL of an unknown command', Msg.CONTROL, 'bogus\0', 'ERROR EINVAL\0'],
    ['CONTROL log without argument', Msg.CONTROL, 'log\0', 'ERROR EINVAL\0'],
    ['CONTROL log on', Msg.CONTROL, 'log\0on\0', 'OK\0'],
    ['CONTROL quota of an unknown domain', Msg.CONTROL, 'quota\0' + '9\0', 'ERROR ENOENT\0'],
    ['CONTROL quota set of a non-number', Msg.CONTROL, 'quota\0set\0nodes\0x\0', 'ERROR EINVAL\0'],
  ])('%s', async (_name, type, payload, expected) => {
    expect(await raw(type, payload)).toBe(expected);
  });

  it('reads back raw values with embedded NULs, byte for byte', async () => {
    const { dom0 } = makeWorld();
    await dom0.write('/v', Buffer.from('x\0y\0', 'latin1'));
    expect((await dom0.call(Msg.READ, '/v\0')).toString('latin1')).toBe('x\0y\0');
  });

  it('creates missing parents with empty values and lists children in creation order', async () => {
    const { dom0 } = makeWorld();
    await dom0.write('/a/b/c', '1');
    await dom0.write('/a/z', '2');
    await dom0.write('/a/m', '3');
    expect(await dom0.read('/a/b')).toBe('');
    expect(await dom0.directory('/a')).toEqual(['b', 'z', 'm']);
  });

  it('places relative paths below /local/domain/0 for dom0', async () => {
    const { dom0 } = makeWorld();
    await dom0.write('rel/x', 'v');
    expect(await dom0.read('/local/domain/0/rel/x')).toBe('v');
  });

  it('limits paths to 2048 characters, not counting a /local/domain/<N>/ prefix', async () => {
    const { dom0 } = makeWorld();
    const long = (n: number): string => `/${'a'.repeat(n - 1)}`;
    expect(await outcome(dom0.write(long(2048), 'v'))).toBe('OK');
    expect(await outcome(dom0.write(long(2049), 'v'))).toBe('EINVAL');
    expect(await outcome(dom0.write(`/local/domain/3/${'b'.repeat(2048)}`, 'v'))).toBe('OK');
    expect(await outcome(dom0.write(`/local/domain/3/${'b'.repeat(2049)}`, 'v'))).toBe('EINVAL');
  });

  it('answers E2BIG for a directory listing over 4096 bytes and serves it through DIRECTORY_PART', async () => {
    const { dom0 } = makeWorld();
    const names = Array.from({ length: 300 }, (_, i) => `child-number-${String(i).padStart(4, '0')}`);
    for (const name of names) await dom0.write(`/wide/${name}`, '');
    expect(await outcome(dom0.directory('/wide'))).toBe('E2BIG');
    const collected: string[] = [];
    let offset = 0;
    for (;;) {
      const part = (await dom0.call(Msg.DIRECTORY_PART, `/wide\0${offset}\0`)).toString('latin1');
      const body = part.slice(part.indexOf('\0') + 1);
      offset += body.endsWith('\0\0') ? body.length - 1 : body.length;
      collected.push(...body.split('\0').filter(Boolean));
      expect(part.length).toBeLessThanOrEqual(4096);
      if (body.endsWith('\0\0') || body === '\0') break;
    }
    expect(collected).toEqual(names);
  });

  it('prints quota settings in C layout and applies quota set', async () => {
    const { dom0, store } = makeWorld();
    expect(await dom0.control('quota')).toContain('nodes            :     1000 Nodes per domain\n');
    expect(await dom0.control('quota', 'set', 'nodes', '50')).toBe('OK');
    expect(store.quotas.get('nodes')).toBe(50);
    expect(await dom0.control('quota-s')).toContain('memory           :  2097152 Total Xenstore memory per domain (warning level)');
    expect(await dom0.control('memreport')).toMatch(/^nodes: 3\n/);
  });
});
