/**
 * Test helpers: hex notation for frames, and an independent CRC-16/MODBUS written bit by bit
 * from the procedure in MODBUS over Serial Line V1.02, 6.2.2 (no table, no code shared with the
 * module under test).
 *
 * @module
 */

/** Bytes from hex text such as `"01 04 00 00"` (spaces optional). */
export function hex(text: string): Uint8Array {
  const digits = text.replace(/\s+/g, "");
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(digits)) throw new SyntaxError(`Bad hex in test: "${text}"`);
  const out = new Uint8Array(digits.length / 2);
  for (let i = 0; i < out.length; i++) {
    out[i] = Number.parseInt(digits.slice(2 * i, 2 * i + 2), 16);
  }
  return out;
}

/** Hex text of bytes, upper case, space separated (for readable assertion messages). */
export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).toUpperCase().padStart(2, "0")).join(" ");
}

/**
 * CRC-16/MODBUS, bit by bit: preset FFFF; XOR each byte into the low byte; eight times shift
 * right, XOR A001 when the bit shifted out was 1.
 */
export function bitwiseCrc(bytes: Uint8Array): number {
  let crc = 0xffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let shift = 0; shift < 8; shift++) {
      const lsb = crc & 1;
      crc >>>= 1;
      if (lsb === 1) crc ^= 0xa001;
    }
  }
  return crc;
}

/** An RTU frame: the given bytes followed by their bitwise CRC, low byte first. */
export function rtu(text: string): Uint8Array {
  return withCrc(hex(text));
}

/** Concatenates byte arrays. */
export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** The given bytes followed by their bitwise CRC, low byte first. */
export function withCrc(body: Uint8Array): Uint8Array {
  const crc = bitwiseCrc(body);
  const out = new Uint8Array(body.length + 2);
  out.set(body);
  out[body.length] = crc & 0xff;
  out[body.length + 1] = crc >>> 8;
  return out;
}
