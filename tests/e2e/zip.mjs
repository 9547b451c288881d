// A small zip writer for the tests: entries stored (not compressed), names
// given as bytes or text. A name given as bytes is written as it is, without
// the UTF-8 flag (as Windows' own archiver writes GBK names); a name given as
// text is written in UTF-8 with the flag.

import { crc32 } from "node:zlib";

/** `entries`: [{name: string | Uint8Array, data: Buffer | string}]; the zip's bytes. */
export function zip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const utf8 = typeof name === "string";
    const nameBytes = utf8 ? Buffer.from(name, "utf8") : Buffer.from(name);
    const body = Buffer.isBuffer(data) ? data : Buffer.from(data);
    const crc = crc32(body) >>> 0;
    const flags = utf8 ? 0x0800 : 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(body.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    locals.push(local, nameBytes, body);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(body.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + body.length;
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

/** 年报 in GBK (GB2312), as a Windows archiver writes it. */
export const GBK_NIANBAO = Uint8Array.from([0xc4, 0xea, 0xb1, 0xa8]);

/** Bytes of a name: GBK bytes, then ASCII. */
export function gbkName(gbk, ascii) {
  return Buffer.concat([Buffer.from(gbk), Buffer.from(ascii, "latin1")]);
}

/** The signature of a PNG picture and a little of its header. */
export const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489", "hex");
