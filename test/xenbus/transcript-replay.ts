// Replays an xs-client transcript as a dom0 client over xenstored's unix socket: each
// `<op> <args> -> <result>` line becomes the same request on the guest's absolute path,
// and the replay writes the line it got back in the same format. A transcript the guest
// got over its ring and the replay's lines must be equal.
import type { XenstoreClient } from '../../src/xenstore/client.js';
import { XsError } from '../../src/xenstore/wire.js';

async function result(promise: Promise<unknown>, format: (value: never) => string = () => 'OK'): Promise<string> {
  try {
    return format((await promise) as never);
  } catch (error) {
    if (error instanceof XsError) return error.errno;
    throw error;
  }
}

interface Contention {
  counter: string;
  vcpus: number;
  rounds: number;
  retried: number;
}

/** `vcpus` clients each increment `path` `rounds` times in transactions, meeting after their reads as the guest's vCPUs do. */
async function contend(clients: XenstoreClient[], path: string, rounds: number): Promise<Contention> {
  await clients[0].write(path, '0');
  let retried = 0;
  const arrivals: (() => void)[][] = Array.from({ length: rounds }, () => []);
  const startLine = (round: number): Promise<void> =>
    new Promise((resolve) => {
      arrivals[round].push(resolve);
      if (arrivals[round].length === clients.length) for (const go of arrivals[round]) go();
    });
  await Promise.all(
    clients.map(async (client) => {
      for (let round = 0; round < rounds; round++) {
        for (let attempt = 1; ; attempt++) {
          const tx = await client.transactionStart();
          const value = Number(await client.read(path, tx));
          if (attempt === 1) await startLine(round);
          await client.write(path, String(value + 1), tx);
          const committed = await result(client.transactionEnd(tx, true));
          if (committed === 'OK') break;
          if (committed !== 'EAGAIN') throw new Error(`transaction: ${committed}`);
          retried++;
        }
      }
    }),
  );
  return { counter: await clients[0].read(path), vcpus: clients.length, rounds, retried };
}

export async function replay(transcript: readonly string[], domid: number, connect: () => Promise<XenstoreClient>): Promise<string[]> {
  const home = `/local/domain/${domid}/`;
  const abs = (path: string): string => (path.startsWith('/') ? path : home + path);
  const rel = (path: string): string => (path.startsWith(home) ? path.slice(home.length) : path);
  const client = await connect();
  const lines: string[] = [];
  let contention: Contention | undefined;
  for (const line of transcript) {
    let m: RegExpExecArray | null;
    if (line.startsWith('xs-client: ')) lines.push(line);
    else if ((m = /^read (\S+) -> /.exec(line))) lines.push(`read ${m[1]} -> ${await result(client.read(abs(m[1])), (v: string) => v)}`);
    else if ((m = /^write (\S+) (.*) -> \S+$/.exec(line))) lines.push(`write ${m[1]} ${m[2]} -> ${await result(client.write(abs(m[1]), m[2]))}`);
    else if ((m = /^(mkdir|rm) (\S+) -> /.exec(line))) {
      const op = m[1] === 'mkdir' ? client.mkdir(abs(m[2])) : client.rm(abs(m[2]));
      lines.push(`${m[1]} ${m[2]} -> ${await result(op)}`);
    } else if ((m = /^directory (\S+) -> /.exec(line))) {
      lines.push(`directory ${m[1]} -> ${await result(client.directory(abs(m[1])), (names: string[]) => names.join(','))}`);
    } else if ((m = /^(watch|unwatch) (\S+) (\S+) -> /.exec(line))) {
      const op = m[1] === 'watch' ? client.watch(abs(m[2]), m[3]) : client.unwatch(abs(m[2]), m[3]);
      lines.push(`${m[1]} ${m[2]} ${m[3]} -> ${await result(op)}`);
    } else if (line.startsWith('event ')) {
      const [path, token] = await client.nextEvent();
      lines.push(`event ${rel(path)} ${token}`);
    } else if ((m = /^transaction (\S+) (\d+)x(\d+) -> /.exec(line))) {
      const clients = [client, ...(await Promise.all(Array.from({ length: Number(m[2]) - 1 }, connect)))];
      contention = await contend(clients, abs(m[1]), Number(m[3]));
      lines.push(`transaction ${m[1]} ${m[2]}x${m[3]} -> ${contention.counter}`);
    } else if (line.startsWith('contended ') && contention !== undefined) {
      lines.push(`contended ${contention.retried > 0 && contention.retried >= (contention.vcpus - 1) * contention.rounds ? 'yes' : 'no'}`);
    } else throw new Error(`transcript line not understood: ${line}`);
  }
  return lines;
}
