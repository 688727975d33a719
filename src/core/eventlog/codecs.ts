// The stream framings Spark's CompressionCodec writes around each codec (core/.../io/
// CompressionCodec.scala), decoded chunk by chunk. The raw codecs come from npm (lz4js, snappyjs,
// fzstd); only the framing is read here, from the writers' sources:
// - lz4: lz4-java LZ4BlockOutputStream: blocks of "LZ4Block" + token + compressed and original
//   lengths (int32 LE) + xxhash32 checksum; a block of length 0 ends a stream, and Spark reads
//   concatenated streams (LZ4CompressionCodec: stopOnEmptyBlock = !disableConcatenationOfByteStream).
// - snappy: snappy-java SnappyOutputStream: 8-byte magic (0x82 "SNAPPY" 0), version and compatible
//   version (int32 BE), then chunks of int32 BE length + a raw Snappy block; a magic again starts a
//   concatenated stream (SnappyInputStream). The framing format of the Snappy spec (stream
//   identifier 0xff "sNaPpY") is read too.
// - lzf: com.ning compress-lzf LZFOutputStream: chunks "ZV" + type (0 stored, 1 compressed) + uint16
//   BE lengths (compressed chunks also give the original length).
// - zstd: zstd-jni ZstdOutputStream writes standard Zstandard frames.
import { Decompress } from 'fzstd';
import { decompressBlock } from 'lz4js';
import { uncompress as snappyUncompress } from 'snappyjs';
import { lzfDecompress } from './lzf';
import type { Codec } from './names';

export class CodecError extends Error {}

/** Bytes in, decoded bytes out; `end()` gives what is left and says what is missing when the input stops mid-block. */
export interface ByteDecoder {
  push(chunk: Uint8Array): Uint8Array[];
  end(): { readonly rest: Uint8Array[]; readonly error?: string };
}

/** A byte queue: append chunks, look at and take bytes from the front. */
class Bytes {
  private buf: Uint8Array = new Uint8Array(0);
  private start = 0;
  consumed = 0;

  append(chunk: Uint8Array): void {
    const rest = this.buf.length - this.start;
    if (rest === 0) {
      this.buf = chunk;
      this.start = 0;
      return;
    }
    const next = new Uint8Array(rest + chunk.length);
    next.set(this.buf.subarray(this.start), 0);
    next.set(chunk, rest);
    this.buf = next;
    this.start = 0;
  }

  get length(): number {
    return this.buf.length - this.start;
  }

  byte(i: number): number {
    return this.buf[this.start + i] ?? 0;
  }

  int32LE(i: number): number {
    return (this.byte(i) | (this.byte(i + 1) << 8) | (this.byte(i + 2) << 16) | (this.byte(i + 3) << 24)) >>> 0;
  }

  int32BE(i: number): number {
    return ((this.byte(i) << 24) | (this.byte(i + 1) << 16) | (this.byte(i + 2) << 8) | this.byte(i + 3)) >>> 0;
  }

  uint16BE(i: number): number {
    return (this.byte(i) << 8) | this.byte(i + 1);
  }

  startsWith(magic: readonly number[]): boolean {
    if (this.length < magic.length) return false;
    return magic.every((b, i) => this.byte(i) === b);
  }

  /** Takes n bytes (a view: valid until the next append). */
  take(n: number): Uint8Array {
    const out = this.buf.subarray(this.start, this.start + n);
    this.start += n;
    this.consumed += n;
    return out;
  }
}

/** 'LZ4Block' in ASCII: LZ4BlockOutputStream's MAGIC. */
const LZ4_MAGIC = [0x4c, 0x5a, 0x34, 0x42, 0x6c, 0x6f, 0x63, 0x6b];
const LZ4_HEADER = 21;
const LZ4_RAW = 0x10;
const LZ4_COMPRESSED = 0x20;

class Lz4BlockDecoder implements ByteDecoder {
  private readonly q = new Bytes();

  push(chunk: Uint8Array): Uint8Array[] {
    const out: Uint8Array[] = [];
    const q = this.q;
    q.append(chunk);
    while (q.length >= LZ4_HEADER) {
      if (!q.startsWith(LZ4_MAGIC)) throw new CodecError(`lz4: no LZ4Block header at byte ${q.consumed}`);
      const method = q.byte(8) & 0xf0;
      const compressed = q.int32LE(9);
      const original = q.int32LE(13);
      if (method !== LZ4_RAW && method !== LZ4_COMPRESSED)
        throw new CodecError(`lz4: unknown block method 0x${method.toString(16)} at byte ${q.consumed}`);
      if (compressed > 64 * 1024 * 1024 || original > 64 * 1024 * 1024)
        throw new CodecError(`lz4: implausible block lengths at byte ${q.consumed}`);
      if (q.length < LZ4_HEADER + compressed) break;
      q.take(LZ4_HEADER);
      const data = q.take(compressed);
      if (original === 0) continue; // end of one stream; a concatenated one may follow
      if (method === LZ4_RAW) out.push(data.slice());
      else {
        const dst = new Uint8Array(original);
        const n = decompressBlock(data, dst, 0, compressed, 0);
        if (n !== original) throw new CodecError(`lz4: block decoded to ${n} bytes, its header says ${original}`);
        out.push(dst);
      }
    }
    return out;
  }

  end(): { rest: Uint8Array[]; error?: string } {
    if (this.q.length === 0) return { rest: [] };
    return { rest: [], error: `lz4: the file ends inside a block (${this.q.length} bytes left)` };
  }
}

const SNAPPY_MAGIC = [0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00];
const SNAPPY_HEADER = 16;
const SNAPPY_FRAMED_ID = [0xff, 0x06, 0x00, 0x00, 0x73, 0x4e, 0x61, 0x50, 0x70, 0x59];

class SnappyStreamDecoder implements ByteDecoder {
  private readonly q = new Bytes();
  private framed: boolean | undefined;

  push(chunk: Uint8Array): Uint8Array[] {
    this.q.append(chunk);
    if (this.framed === undefined) {
      if (this.q.length < SNAPPY_FRAMED_ID.length) return [];
      this.framed = this.q.startsWith(SNAPPY_FRAMED_ID);
    }
    return this.framed ? this.framedChunks() : this.javaChunks();
  }

  private javaChunks(): Uint8Array[] {
    const out: Uint8Array[] = [];
    const q = this.q;
    for (;;) {
      if (q.length >= SNAPPY_MAGIC.length && q.startsWith(SNAPPY_MAGIC)) {
        if (q.length < SNAPPY_HEADER) break;
        q.take(SNAPPY_HEADER);
        continue;
      }
      if (q.length < 4) break;
      const n = q.int32BE(0);
      if (n > 64 * 1024 * 1024) throw new CodecError(`snappy: implausible chunk length ${n} at byte ${q.consumed}`);
      if (q.length < 4 + n) break;
      q.take(4);
      out.push(snappyUncompress(q.take(n).slice()));
    }
    return out;
  }

  private framedChunks(): Uint8Array[] {
    const out: Uint8Array[] = [];
    const q = this.q;
    while (q.length >= 4) {
      const type = q.byte(0);
      const n = q.byte(1) | (q.byte(2) << 8) | (q.byte(3) << 16);
      if (q.length < 4 + n) break;
      q.take(4);
      const body = q.take(n);
      if (type === 0x00) out.push(snappyUncompress(body.slice(4)));
      else if (type === 0x01) out.push(body.slice(4));
      else if (type >= 0x02 && type <= 0x7f)
        throw new CodecError(`snappy: reserved chunk type 0x${type.toString(16)} at byte ${q.consumed - n - 4}`);
      // 0x80..0xfe skippable, 0xff stream identifier (repeated on concatenation).
    }
    return out;
  }

  end(): { rest: Uint8Array[]; error?: string } {
    if (this.q.length === 0) return { rest: [] };
    return { rest: [], error: `snappy: the file ends inside a chunk (${this.q.length} bytes left)` };
  }
}

class LzfChunkDecoder implements ByteDecoder {
  private readonly q = new Bytes();

  push(chunk: Uint8Array): Uint8Array[] {
    const out: Uint8Array[] = [];
    const q = this.q;
    q.append(chunk);
    while (q.length >= 5) {
      if (q.byte(0) !== 0x5a || q.byte(1) !== 0x56)
        throw new CodecError(`lzf: no ZV chunk header at byte ${q.consumed}`);
      const type = q.byte(2);
      if (type === 0) {
        const n = q.uint16BE(3);
        if (q.length < 5 + n) break;
        q.take(5);
        out.push(q.take(n).slice());
      } else if (type === 1) {
        if (q.length < 7) break;
        const n = q.uint16BE(3);
        const original = q.uint16BE(5);
        if (q.length < 7 + n) break;
        q.take(7);
        out.push(lzfDecompress(q.take(n), original));
      } else throw new CodecError(`lzf: unknown chunk type ${type} at byte ${q.consumed}`);
    }
    return out;
  }

  end(): { rest: Uint8Array[]; error?: string } {
    if (this.q.length === 0) return { rest: [] };
    return { rest: [], error: `lzf: the file ends inside a chunk (${this.q.length} bytes left)` };
  }
}

class ZstdDecoder implements ByteDecoder {
  private readonly out: Uint8Array[] = [];
  private readonly d = new Decompress((data) => {
    this.out.push(data);
  });
  private pushed = 0;

  push(chunk: Uint8Array): Uint8Array[] {
    try {
      this.d.push(chunk);
    } catch (e) {
      throw new CodecError(`zstd: ${e instanceof Error ? e.message : String(e)} (after byte ${this.pushed})`);
    }
    this.pushed += chunk.length;
    return this.out.splice(0);
  }

  end(): { rest: Uint8Array[]; error?: string } {
    try {
      this.d.push(new Uint8Array(0), true);
    } catch (e) {
      const error = `zstd: the file ends inside a frame (${e instanceof Error ? e.message : String(e)})`;
      return { rest: this.out.splice(0), error };
    }
    return { rest: this.out.splice(0) };
  }
}

class PlainDecoder implements ByteDecoder {
  push(chunk: Uint8Array): Uint8Array[] {
    return [chunk];
  }
  end(): { rest: Uint8Array[] } {
    return { rest: [] };
  }
}

export function byteDecoder(codec: Codec | undefined): ByteDecoder {
  switch (codec) {
    case 'lz4':
      return new Lz4BlockDecoder();
    case 'snappy':
      return new SnappyStreamDecoder();
    case 'lzf':
      return new LzfChunkDecoder();
    case 'zstd':
      return new ZstdDecoder();
    case undefined:
      return new PlainDecoder();
  }
}
