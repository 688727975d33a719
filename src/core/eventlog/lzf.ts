// Raw LZF (liblzf's lzf_d.c format, the one com.ning:compress-lzf writes inside its chunks). No
// npm decoder of LZF is kept up (the one there is builds a JS array per byte and calls the
// deprecated Buffer constructor), and the format is two instructions, so it is decoded here.

export class LzfError extends Error {}

/** Decodes src into a buffer of exactly `length` bytes (the chunk header gives it). */
export function lzfDecompress(src: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let ip = 0;
  let op = 0;
  while (ip < src.length) {
    const ctrl = src[ip++] ?? 0;
    if (ctrl < 32) {
      // A literal run of ctrl + 1 bytes.
      const n = ctrl + 1;
      if (ip + n > src.length || op + n > length) throw new LzfError('LZF literal run past the end of the chunk');
      out.set(src.subarray(ip, ip + n), op);
      ip += n;
      op += n;
    } else {
      // A back reference: length (ctrl >> 5) + 2, offset from the low 5 bits and the next byte.
      let len = ctrl >> 5;
      if (len === 7) len += src[ip++] ?? 0;
      const back = ((ctrl & 0x1f) << 8) + (src[ip++] ?? 0) + 1;
      let ref = op - back;
      len += 2;
      if (ip > src.length || ref < 0 || op + len > length) throw new LzfError('LZF back reference out of range');
      // Byte by byte: the copy may overlap what it writes (a run).
      while (len-- > 0) out[op++] = out[ref++] ?? 0;
    }
  }
  if (op !== length) throw new LzfError(`LZF chunk decoded to ${op} bytes, its header says ${length}`);
  return out;
}
