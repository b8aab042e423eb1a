/**
 * Checking that bytes are well-formed UTF-8 as they arrive in pieces (the windows of a plan read
 * from disk), with `isUtf8` (native) on each piece: a sequence cut by the end of a piece is held
 * back and checked with the bytes that complete it.
 */
import { isUtf8 } from 'node:buffer';

const EMPTY = Buffer.alloc(0);

/** Bytes in the UTF-8 sequence a lead byte begins (1 for any other byte: it is checked alone). */
function sequenceLength(lead: number): number {
  return lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
}

/**
 * Offset of the first byte in `bytes[from, to)` that does not begin or continue a well-formed
 * UTF-8 sequence (RFC 3629: no overlong forms, surrogates or code points past U+10FFFF; none cut
 * by `to`); `to` when all are.
 */
export function firstInvalidUtf8(bytes: Uint8Array, from: number, to: number): number {
  let i = from;
  while (i < to) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > to) return i;
    const second = bytes[i + 1] as number;
    const low = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
    const high = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
    if (second < low || second > high) return i;
    for (let k = 2; k < length; k += 1) if (((bytes[i + k] as number) & 0xc0) !== 0x80) return i;
    i += length;
  }
  return to;
}

/** A stream of bytes checked piece by piece: the offset of its first byte that is not UTF-8. */
export class Utf8Check {
  /** Offset in the stream of the first byte that is not UTF-8, -1 while none; nothing is checked after it. */
  invalidAt = -1;
  /** The bytes of a sequence begun at the end of the last piece and not yet complete (a copy). */
  private pending: Buffer = EMPTY;
  /** Offset in the stream of the next piece. */
  private next = 0;

  /** Checks the next piece, `bytes[from, to)`; `last` when no bytes follow it. */
  push(bytes: Uint8Array, from: number, to: number, last: boolean): void {
    const at = this.next - from;
    this.next += to - from;
    if (this.invalidAt >= 0) return;
    let start = from;
    const pending = this.pending;
    if (pending.length > 0) {
      // The sequence begun at the end of the last piece, with the bytes that complete it.
      const pendingAt = at + from - pending.length;
      const need = sequenceLength(pending[0] as number) - pending.length;
      const take = Math.min(need, to - start);
      const joined = Buffer.concat([pending, bytes.subarray(start, start + take)]);
      if (take < need && !last) {
        this.pending = joined;
        return;
      }
      this.pending = EMPTY;
      if (take < need || !isUtf8(joined)) {
        this.invalidAt = pendingAt + firstInvalidUtf8(joined, 0, joined.length);
        return;
      }
      start += take;
    }
    // A sequence the piece's end cuts is held back (at the end of the stream, it is no UTF-8).
    let cut = to;
    if (!last) {
      for (let j = to - 1; j >= start && j >= to - 3; j -= 1) {
        const b = bytes[j] as number;
        if ((b & 0xc0) === 0x80) continue;
        if (b >= 0xc2 && b <= 0xf4 && to - j < sequenceLength(b)) cut = j;
        break;
      }
    }
    if (!isUtf8(bytes.subarray(start, cut))) {
      this.invalidAt = at + firstInvalidUtf8(bytes, start, cut);
      return;
    }
    if (cut < to) this.pending = Buffer.from(bytes.subarray(cut, to));
  }
}
