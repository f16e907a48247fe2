import { isUtf8 } from 'node:buffer';

/** How many bytes a UTF-8 sequence starting with byte `b` has (1-4), or 0 when `b` cannot start one. */
export function utf8LeadLength(b: number): number {
  return b < 0x80
    ? 1
    : b >= 0xc2 && b <= 0xdf
      ? 2
      : b >= 0xe0 && b <= 0xef
        ? 3
        : b >= 0xf0 && b <= 0xf4
          ? 4
          : 0;
}

/**
 * Length of the valid UTF-8 sequence at `i`, or 0 when the bytes there are not valid UTF-8
 * (a sequence cut by the end of the buffer included).
 */
export function utf8SequenceLength(buf: Uint8Array, i: number): number {
  const len = utf8LeadLength(buf[i] as number);
  if (len === 0 || i + len > buf.length) return 0;
  return isUtf8(buf.subarray(i, i + len)) ? len : 0;
}
