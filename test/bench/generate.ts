/**
 * Synthetic exports for the benchmark: camera logs as a busy site writes them, with
 * repeat attackers, a few compromised devices, reputation events, other lines and some
 * duplicated lines (an overlapping second export).
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** Writes `lines` lines to `file`; the same seed gives the same file. */
export async function generate(file: string, lines: number, seed = 1): Promise<void> {
  let s = seed;
  // A linear congruential generator. Its low bits repeat with a short period, so the draw
  // takes the high ones: with `% n` on the whole state, some kinds of line never came up.
  const rnd = (n: number) => {
    s = (Math.imul(s, 1103515245) + 12345) & 0x7fffffff;
    return (s >>> 8) % n;
  };
  // A pool of attackers, a few of them very busy, as on a camera exposed to the internet.
  const pool = Array.from(
    { length: 50_000 },
    () => `${1 + rnd(220)}.${rnd(256)}.${rnd(256)}.${1 + rnd(250)}`,
  );
  const out = createWriteStream(file);
  let chunk: string[] = [];
  let last = '';
  for (let i = 0; i < lines; i++) {
    const t = 1_560_000_000 + Math.floor(i * 2.5);
    const d = new Date(t * 1000);
    const [mo, day, h, mi, se] = [
      d.getUTCMonth(),
      d.getUTCDate(),
      d.getUTCHours(),
      d.getUTCMinutes(),
      d.getUTCSeconds(),
    ];
    const env = `${MONTHS[mo]} ${pad(day)} ${pad(h)}:${pad(mi)}:${pad(se)}`;
    const time = `${d.getUTCFullYear()}/${mo + 1}/${day} ${h}:${mi}:${se}`;
    const device = `192.168.${40 + rnd(4)}.${10 + rnd(200)}`;
    const attacker = pool[rnd(8) === 0 ? rnd(20) : rnd(pool.length)]!;
    const r = rnd(100);
    let line: string;
    if (r < 2 && last)
      line = last; // an overlapping export repeats lines
    else if (r < 5) line = `${env} [httpd]: GET /cgi-bin/viewer/video.jpg 200`;
    else if (r < 10) {
      line = `${env} ${device} [Trend Micro]: ${r < 8 ? 'WRS' : 'TRS'}, [${rnd(101)}, -1, -1, -1], ${time}, '${attacker}:${80 + rnd(3)}/p${rnd(50)}.exe'`;
    } else if (r < 12) {
      line = `${env} [Trend Micro]: ${i} s.1133820, ${time}, ${device}:${1024 + rnd(60000)} > ${attacker}:23, ${device}, attacker`;
    } else {
      const rule = r < 60 ? 1133810 : r < 90 ? 1133835 : 1134000 + rnd(40);
      line = `${env} [Trend Micro]: ${i} s.${rule}, ${time}, ${attacker}:${1024 + rnd(60000)} > ${device}:${[80, 443, 554, 23][rnd(4)]}, ${attacker}, victim`;
    }
    last = line;
    chunk.push(line);
    if (chunk.length === 5000) {
      if (!out.write(chunk.join('\n') + '\n')) await once(out, 'drain');
      chunk = [];
    }
  }
  out.end(chunk.length ? chunk.join('\n') + '\n' : '');
  await once(out, 'finish');
}
