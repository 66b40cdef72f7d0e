/**
 * Reading an `strace -f -e trace=socket,connect,sendto,sendmsg,sendmmsg,close` log: which Internet sockets
 * (AF_INET, AF_INET6) a run made, and what it did with them. Calls that strace split in two
 * (`<unfinished ...>` then `<... connect resumed>`) are joined again per thread.
 */
export interface InetUse {
  pid: string;
  fd: string;
  /** SOCK_STREAM (TCP) or SOCK_DGRAM (UDP) */
  type: string;
  /** connect() calls and whether each returned 0 */
  connects: { address: string; ok: boolean }[];
  /** sendto/sendmsg/sendmmsg calls on it (a datagram or segment leaving the machine) */
  sends: string[];
}

export function joinResumed(trace: string): string[] {
  const pending = new Map<string, string>();
  const out: string[] = [];
  for (const line of trace.split('\n')) {
    const m = /^(\d+) (.*)$/.exec(line);
    if (!m) continue;
    const [, pid, rest] = m;
    if (rest.endsWith('<unfinished ...>')) {
      pending.set(pid, rest.slice(0, -'<unfinished ...>'.length).trimEnd());
      continue;
    }
    const resumed = /^<\.\.\. \w+ resumed>(.*)$/.exec(rest);
    if (resumed) {
      out.push(`${pid} ${pending.get(pid) ?? ''}${resumed[1]}`);
      pending.delete(pid);
      continue;
    }
    out.push(line);
  }
  return out;
}

export function inetSockets(trace: string): InetUse[] {
  const open = new Map<string, InetUse>();
  const all: InetUse[] = [];
  for (const line of joinResumed(trace)) {
    const m = /^(\d+) (\w+)\((\d+)?(.*)\) += (-?\d+)/.exec(line) ?? /^(\d+) (\w+)\((\d+)?(.*)\) += (\?)/.exec(line);
    if (!m) continue;
    const [, pid, call, fdArg, args, ret] = m;
    if (call === 'socket') {
      const s = /^(AF_INET6?), (SOCK_\w+)/.exec(`${fdArg ?? ''}${args}`);
      if (s && Number(ret) >= 0) {
        const use: InetUse = { pid, fd: ret, type: s[2], connects: [], sends: [] };
        open.set(`${pid}:${ret}`, use);
        all.push(use);
      }
      continue;
    }
    const use = fdArg === undefined ? undefined : open.get(`${pid}:${fdArg}`);
    if (call === 'close' && fdArg !== undefined) open.delete(`${pid}:${fdArg}`);
    if (!use) continue;
    if (call === 'connect') {
      const address = /inet_pton\(AF_INET6?, "([^"]+)"|inet_addr\("([^"]+)"\)/.exec(args);
      use.connects.push({ address: address?.[1] ?? address?.[2] ?? args.slice(0, 80), ok: ret === '0' });
    } else if (/^send(to|msg|mmsg)$/.test(call)) {
      use.sends.push(line.slice(0, 160));
    }
  }
  return all;
}
