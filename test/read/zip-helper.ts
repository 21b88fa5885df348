/** Builds small zip archives in memory so tests can craft any entry, hostile ones included. */
import { crc32, deflateRawSync } from 'node:zlib';

/** One entry of a test archive. */
export interface ZipEntrySpec {
  /** Raw name bytes are written as given; a string is written as UTF-8. */
  name: string | Buffer;
  data?: Buffer | string;
  /** Default: deflate. */
  method?: 'store' | 'deflate' | number;
  /** Sets general purpose bit 11 (name is UTF-8); default true for string names. */
  utf8?: boolean;
  /** Sets bit 0 (traditional encryption) without encrypting: yauzl only reads the flag. */
  encrypted?: boolean;
  /** Writes a Unix symbolic link entry. */
  symlink?: boolean;
}

/** A zip archive holding the entries, in order, with a valid central directory. */
export function buildZip(entries: ZipEntrySpec[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const spec of entries) {
    const name = typeof spec.name === 'string' ? Buffer.from(spec.name, 'utf8') : spec.name;
    const data =
      typeof spec.data === 'string' ? Buffer.from(spec.data) : (spec.data ?? Buffer.alloc(0));
    const method =
      spec.method === 'store'
        ? 0
        : spec.method === undefined || spec.method === 'deflate'
          ? 8
          : spec.method;
    const packed = method === 8 ? deflateRawSync(data) : data;
    // Traditional encryption puts a 12-byte header before the data; yauzl checks the sizes.
    const body = spec.encrypted ? Buffer.concat([Buffer.alloc(12, 0x5a), packed]) : packed;
    const flags =
      ((spec.utf8 ?? typeof spec.name === 'string') ? 0x800 : 0) | (spec.encrypted ? 1 : 0);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, body);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(spec.symlink ? 0x0314 : 20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(spec.symlink ? (0o120777 << 16) >>> 0 : 0, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
