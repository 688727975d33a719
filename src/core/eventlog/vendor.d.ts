// Types for the codec packages that ship none (only the functions this reader calls).
declare module 'lz4js' {
  /** Decodes one raw LZ4 block src[sIndex, sIndex + sLength) into dst from dIndex; returns the end index. */
  export function decompressBlock(
    src: Uint8Array,
    dst: Uint8Array,
    sIndex: number,
    sLength: number,
    dIndex: number,
  ): number;
}

declare module 'snappyjs' {
  /** Decodes one raw Snappy block (its preamble gives the length). */
  export function uncompress(compressed: Uint8Array, maxLength?: number): Uint8Array;
}
