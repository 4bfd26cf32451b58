/**
 * Serial line settings and the kernel `struct termios` bytes that express them. Pure: no I/O.
 *
 * The driver reads the current termios with `TCGETS`, passes the bytes through
 * {@linkcode applySerialSettings} and writes them back with `TCSETS`. The baud rate goes in
 * `c_cflag`'s CBAUD bits, the kernel ABI itself, so nothing depends on how a given glibc
 * represents `speed_t` in its own `struct termios`.
 *
 * @module
 */

import {
  BRKINT,
  C_CC,
  C_CFLAG,
  C_IFLAG,
  C_LFLAG,
  C_OFLAG,
  CBAUD,
  CIBAUD,
  CLOCAL,
  CREAD,
  CRTSCTS,
  CS7,
  CS8,
  CSIZE,
  CSTOPB,
  ECHO,
  ECHONL,
  ICANON,
  ICRNL,
  IEXTEN,
  IGNBRK,
  IGNCR,
  IGNPAR,
  INLCR,
  INPCK,
  ISIG,
  ISTRIP,
  IXOFF,
  IXON,
  OPOST,
  PARENB,
  PARMRK,
  PARODD,
  VMIN,
  VTIME,
} from "./_linux.ts";

/** Parity of each character. */
export type Parity = "none" | "even" | "odd";
/** Data bits per character (DSMR 2.2/3 meters send 7E1, everything newer 8N1). */
export type DataBits = 7 | 8;
/** Stop bits per character. */
export type StopBits = 1 | 2;

/** Complete, validated line settings. */
export interface SerialSettings {
  /** One of {@linkcode BAUD_RATES}. */
  baudRate: number;
  /** Data bits per character. */
  dataBits: DataBits;
  /** Parity. */
  parity: Parity;
  /** Stop bits. */
  stopBits: StopBits;
}

/** Line settings as a caller gives them; absent fields take the 8N1 defaults. */
export interface SerialSettingsInput {
  /** Baud rate, one of {@linkcode BAUD_RATES}. */
  baudRate: number;
  /**
   * Data bits per character.
   * @default {8}
   */
  dataBits?: DataBits;
  /**
   * Parity.
   * @default {"none"}
   */
  parity?: Parity;
  /**
   * Stop bits.
   * @default {1}
   */
  stopBits?: StopBits;
}

/** The CBAUD code of each supported baud rate (Linux `B<rate>` constants). */
const BAUD_CODES: ReadonlyMap<number, number> = new Map([
  [1200, 0x9],
  [2400, 0xb],
  [4800, 0xc],
  [9600, 0xd],
  [19200, 0xe],
  [38400, 0xf],
  [57600, 0x1001],
  [115200, 0x1002],
  [230400, 0x1003],
]);

/** The supported standard baud rates, ascending. */
export const BAUD_RATES: readonly number[] = [...BAUD_CODES.keys()];

/** The kernel CBAUD code (`B9600` = 0xd…) of a baud rate, or undefined if unsupported. */
export function baudCode(baudRate: number): number | undefined {
  return BAUD_CODES.get(baudRate);
}

/**
 * Validates and completes line settings.
 *
 * @throws {RangeError} naming the bad setting, e.g.
 * `Unsupported baud rate: "14400" (expected one of 1200, 2400, …, 230400)`.
 */
export function resolveSerialSettings(input: SerialSettingsInput): SerialSettings {
  const { baudRate, dataBits = 8, parity = "none", stopBits = 1 } = input;
  if (!BAUD_CODES.has(baudRate)) {
    throw new RangeError(
      `Unsupported baud rate: "${String(baudRate)}" (expected one of ${BAUD_RATES.join(", ")})`,
    );
  }
  if (dataBits !== 7 && dataBits !== 8) {
    throw new RangeError(`Unsupported data bits: "${String(dataBits)}" (expected 7 or 8)`);
  }
  if (parity !== "none" && parity !== "even" && parity !== "odd") {
    throw new RangeError(
      `Unsupported parity: "${String(parity)}" (expected "none", "even" or "odd")`,
    );
  }
  if (stopBits !== 1 && stopBits !== 2) {
    throw new RangeError(`Unsupported stop bits: "${String(stopBits)}" (expected 1 or 2)`);
  }
  return { baudRate, dataBits, parity, stopBits };
}

const LE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function view(termios: Uint8Array): DataView {
  if (termios.length < C_CC + VMIN + 1) {
    throw new RangeError(
      `Cannot read termios: buffer too short (expected at least ${
        C_CC + VMIN + 1
      } bytes, got ${termios.length})`,
    );
  }
  return new DataView(termios.buffer, termios.byteOffset, termios.byteLength);
}

/**
 * A copy of `termios` in raw mode, the equivalent of `cfmakeraw` plus VMIN=0/VTIME=0 and no
 * software flow control: no input/output processing, no echo, no signals, 8 data bits.
 */
export function makeRaw(termios: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(termios);
  const dv = view(out);
  const iflag = dv.getUint32(C_IFLAG, LE) &
    ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON | IXOFF);
  dv.setUint32(C_IFLAG, iflag >>> 0, LE);
  dv.setUint32(C_OFLAG, (dv.getUint32(C_OFLAG, LE) & ~OPOST) >>> 0, LE);
  const lflag = dv.getUint32(C_LFLAG, LE) & ~(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
  dv.setUint32(C_LFLAG, lflag >>> 0, LE);
  dv.setUint32(C_CFLAG, ((dv.getUint32(C_CFLAG, LE) & ~(CSIZE | PARENB)) | CS8) >>> 0, LE);
  out[C_CC + VMIN] = 0;
  out[C_CC + VTIME] = 0;
  return out;
}

/**
 * A copy of `termios` in raw mode with the given line settings: baud rate (input = output),
 * data bits, parity (checked on input: a character with a parity error reads as NUL, so a
 * corrupted telegram fails validation instead of losing a digit), stop bits, no hardware flow
 * control, CLOCAL (ignore carrier) and CREAD (receiver on).
 *
 * @param termios kernel `struct termios` bytes as read by TCGETS (at least 36 bytes)
 * @param settings validated settings (see {@linkcode resolveSerialSettings})
 */
export function applySerialSettings(
  termios: Uint8Array,
  settings: SerialSettings,
): Uint8Array<ArrayBuffer> {
  const code = baudCode(settings.baudRate);
  if (code === undefined) {
    throw new RangeError(
      `Unsupported baud rate: "${settings.baudRate}" (expected one of ${BAUD_RATES.join(", ")})`,
    );
  }
  const out = makeRaw(termios);
  const dv = view(out);
  let cflag = dv.getUint32(C_CFLAG, LE) &
    ~(CBAUD | CIBAUD | CSIZE | CSTOPB | PARENB | PARODD | CRTSCTS);
  cflag |= code | CLOCAL | CREAD | (settings.dataBits === 7 ? CS7 : CS8);
  if (settings.stopBits === 2) cflag |= CSTOPB;
  let iflag = dv.getUint32(C_IFLAG, LE) & ~(INPCK | IGNPAR);
  if (settings.parity !== "none") {
    cflag |= PARENB;
    if (settings.parity === "odd") cflag |= PARODD;
    iflag |= INPCK;
  }
  dv.setUint32(C_CFLAG, cflag >>> 0, LE);
  dv.setUint32(C_IFLAG, iflag >>> 0, LE);
  return out;
}

/** Line settings as read back from termios bytes; `baudRate` is null for a non-standard code. */
export interface DecodedSettings {
  /** Baud rate, or null when CBAUD holds a code outside {@linkcode BAUD_RATES}. */
  baudRate: number | null;
  /** Data bits per character (5…8). */
  dataBits: number;
  /** Parity. */
  parity: Parity;
  /** Stop bits. */
  stopBits: StopBits;
}

/** Reads the line settings out of kernel termios bytes (for diagnostics and tests). */
export function decodeSerialSettings(termios: Uint8Array): DecodedSettings {
  const cflag = view(termios).getUint32(C_CFLAG, LE);
  const code = cflag & CBAUD;
  let baudRate: number | null = null;
  for (const [rate, c] of BAUD_CODES) if (c === code) baudRate = rate;
  return {
    baudRate,
    dataBits: 5 + ((cflag & CSIZE) >> 4),
    parity: (cflag & PARENB) === 0 ? "none" : (cflag & PARODD) === 0 ? "even" : "odd",
    stopBits: (cflag & CSTOPB) === 0 ? 1 : 2,
  };
}
