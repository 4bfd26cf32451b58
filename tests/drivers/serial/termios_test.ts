import assert from "node:assert/strict";
import {
  applySerialSettings,
  BAUD_RATES,
  baudCode,
  decodeSerialSettings,
  makeRaw,
  resolveSerialSettings,
  type SerialSettings,
} from "../../../drivers/serial/mod.ts";

// Offsets of kernel struct termios, as listed in shared/reference/linux-serial.md.
const IFLAG = 0;
const OFLAG = 4;
const CFLAG = 8;
const LFLAG = 12;
const CC = 17;
const VTIME = 5;
const VMIN = 6;

interface Flags {
  iflag: number;
  oflag: number;
  cflag: number;
  lflag: number;
  cc?: Readonly<Record<number, number>>;
}

function termiosBytes(flags: Flags): Uint8Array {
  const bytes = new Uint8Array(60);
  const dv = new DataView(bytes.buffer);
  dv.setUint32(IFLAG, flags.iflag >>> 0, true);
  dv.setUint32(OFLAG, flags.oflag >>> 0, true);
  dv.setUint32(CFLAG, flags.cflag >>> 0, true);
  dv.setUint32(LFLAG, flags.lflag >>> 0, true);
  for (const [index, value] of Object.entries(flags.cc ?? {})) bytes[CC + Number(index)] = value;
  return bytes;
}

function flagsOf(bytes: Uint8Array): Flags {
  const dv = new DataView(bytes.buffer, bytes.byteOffset);
  return {
    iflag: dv.getUint32(IFLAG, true),
    oflag: dv.getUint32(OFLAG, true),
    cflag: dv.getUint32(CFLAG, true),
    lflag: dv.getUint32(LFLAG, true),
  };
}

/** The kernel's tty_std_termios: what a fresh tty (cooked mode) reports. */
const FRESH_TTY = termiosBytes({
  iflag: 0x500, // ICRNL | IXON
  oflag: 0x5, // OPOST | ONLCR
  cflag: 0x4bf, // B38400 | CS8 | CREAD | HUPCL
  lflag: 0x8a3b, // ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN
  cc: { 0: 3, 4: 4, [VTIME]: 0, [VMIN]: 1 }, // VINTR ^C, VEOF ^D, VTIME 0, VMIN 1
});

/** A tty left behind by another program with everything we must clear switched on. */
const HOSTILE_TTY = termiosBytes({
  iflag: 0x15ff, // IGNBRK|BRKINT|IGNPAR|PARMRK|INPCK|ISTRIP|INLCR|IGNCR|ICRNL|IXON|IXOFF
  oflag: 0x1, // OPOST
  cflag: 0x900f1fff, // CRTSCTS | CIBAUD | CBAUD | CSIZE | CSTOPB | CREAD | PARENB | PARODD | HUPCL | CLOCAL
  lflag: 0x804b, // ISIG | ICANON | ECHO | ECHONL | IEXTEN
  cc: { [VTIME]: 10, [VMIN]: 5 },
});

/** Raw-mode lflag of FRESH_TTY: ECHOE|ECHOK|ECHOCTL|ECHOKE stay, inert without ECHO/ICANON. */
const FRESH_RAW_LFLAG = 0x0a30;

/** [label, settings, expected flags from FRESH_TTY]. */
const CASES: ReadonlyArray<readonly [string, SerialSettings, Flags]> = [
  [
    "115200 8N1 (P1 port of DSMR 4/5 and e-MUCS)",
    { baudRate: 115200, dataBits: 8, parity: "none", stopBits: 1 },
    {
      iflag: 0,
      oflag: 0x4, // ONLCR stays, inert without OPOST
      cflag: 0x1cb2, // B115200 0x1002 | CS8 0x30 | CREAD 0x80 | HUPCL 0x400 | CLOCAL 0x800
      lflag: FRESH_RAW_LFLAG,
    },
  ],
  [
    "9600 7E1 (DSMR 2.2/3 meters)",
    { baudRate: 9600, dataBits: 7, parity: "even", stopBits: 1 },
    {
      iflag: 0x10, // INPCK
      oflag: 0x4,
      cflag: 0xdad, // B9600 0xd | CS7 0x20 | CREAD | PARENB 0x100 | HUPCL | CLOCAL
      lflag: FRESH_RAW_LFLAG,
    },
  ],
  [
    "9600 8E1 (Modbus RTU with parity)",
    { baudRate: 9600, dataBits: 8, parity: "even", stopBits: 1 },
    {
      iflag: 0x10, // INPCK
      oflag: 0x4,
      cflag: 0xdbd, // B9600 | CS8 | CREAD | PARENB | HUPCL | CLOCAL
      lflag: FRESH_RAW_LFLAG,
    },
  ],
  [
    "9600 8N2 (Modbus RTU without parity, two stop bits)",
    { baudRate: 9600, dataBits: 8, parity: "none", stopBits: 2 },
    {
      iflag: 0,
      oflag: 0x4,
      cflag: 0xcfd, // B9600 | CS8 | CSTOPB 0x40 | CREAD | HUPCL | CLOCAL
      lflag: FRESH_RAW_LFLAG,
    },
  ],
  [
    "19200 8O2",
    { baudRate: 19200, dataBits: 8, parity: "odd", stopBits: 2 },
    {
      iflag: 0x10, // INPCK
      oflag: 0x4,
      cflag: 0xffe, // B19200 0xe | CS8 | CSTOPB | CREAD | PARENB | PARODD 0x200 | HUPCL | CLOCAL
      lflag: FRESH_RAW_LFLAG,
    },
  ],
];

for (const [label, settings, expected] of CASES) {
  Deno.test(`termios for ${label} has the expected flag words`, () => {
    const out = applySerialSettings(FRESH_TTY, settings);
    assert.deepEqual(flagsOf(out), expected);
    assert.equal(out[CC + VMIN], 0);
    assert.equal(out[CC + VTIME], 0);
    assert.equal(out[CC + 0], 3, "other control characters are kept");
  });
}

Deno.test("termios for 230400 8N1 clears flow control, input baud and stray flags", () => {
  const out = applySerialSettings(HOSTILE_TTY, {
    baudRate: 230400,
    dataBits: 8,
    parity: "none",
    stopBits: 1,
  });
  assert.deepEqual(flagsOf(out), {
    iflag: 0, // all input processing, parity checks and XON/XOFF off
    oflag: 0,
    cflag: 0x1cb3, // B230400 0x1003 | CS8 | CREAD | HUPCL (kept) | CLOCAL; no CRTSCTS/CIBAUD/CSTOPB/parity
    lflag: 0,
  });
  assert.equal(out[CC + VMIN], 0);
  assert.equal(out[CC + VTIME], 0);
});

Deno.test("applySerialSettings leaves its input untouched", () => {
  const before = new Uint8Array(FRESH_TTY);
  applySerialSettings(FRESH_TTY, { baudRate: 9600, dataBits: 7, parity: "even", stopBits: 1 });
  assert.deepEqual(FRESH_TTY, before);
});

Deno.test("makeRaw turns a cooked tty raw and keeps its baud rate", () => {
  assert.deepEqual(flagsOf(makeRaw(FRESH_TTY)), {
    iflag: 0,
    oflag: 0x4,
    cflag: 0x4bf, // unchanged: B38400 | CS8 | CREAD | HUPCL
    lflag: FRESH_RAW_LFLAG,
  });
});

Deno.test("decodeSerialSettings reads back every supported combination", () => {
  for (const baudRate of BAUD_RATES) {
    for (const dataBits of [7, 8] as const) {
      for (const parity of ["none", "even", "odd"] as const) {
        for (const stopBits of [1, 2] as const) {
          const settings = { baudRate, dataBits, parity, stopBits };
          assert.deepEqual(
            decodeSerialSettings(applySerialSettings(FRESH_TTY, settings)),
            settings,
          );
        }
      }
    }
  }
});

Deno.test("decodeSerialSettings reports a non-standard baud code as null", () => {
  const bytes = termiosBytes({ iflag: 0, oflag: 0, cflag: 0x1000 | 0x30, lflag: 0 }); // BOTHER
  assert.equal(decodeSerialSettings(bytes).baudRate, null);
});

Deno.test("baud codes are the Linux B constants", () => {
  assert.deepEqual(BAUD_RATES.map(baudCode), [
    0x9, // B1200
    0xb, // B2400
    0xc, // B4800
    0xd, // B9600
    0xe, // B19200
    0xf, // B38400
    0x1001, // B57600
    0x1002, // B115200
    0x1003, // B230400
  ]);
  assert.equal(baudCode(14400), undefined);
});

Deno.test("resolveSerialSettings defaults to 8N1", () => {
  assert.deepEqual(resolveSerialSettings({ baudRate: 115200 }), {
    baudRate: 115200,
    dataBits: 8,
    parity: "none",
    stopBits: 1,
  });
});

/** [input, exact RangeError message]: each names the setting and quotes the value. */
const BAD_SETTINGS: ReadonlyArray<readonly [Record<string, unknown>, string]> = [
  [
    { baudRate: 14400 },
    'Unsupported baud rate: "14400" (expected one of 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400)',
  ],
  [
    { baudRate: 460800 }, // above the supported table
    'Unsupported baud rate: "460800" (expected one of 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400)',
  ],
  [{ baudRate: 9600, dataBits: 6 }, 'Unsupported data bits: "6" (expected 7 or 8)'],
  [
    { baudRate: 9600, parity: "mark" },
    'Unsupported parity: "mark" (expected "none", "even" or "odd")',
  ],
  [{ baudRate: 9600, stopBits: 1.5 }, 'Unsupported stop bits: "1.5" (expected 1 or 2)'],
];

Deno.test("resolveSerialSettings rejects a bad setting with a RangeError naming it", () => {
  for (const [input, message] of BAD_SETTINGS) {
    assert.throws(
      () => resolveSerialSettings(input as unknown as Parameters<typeof resolveSerialSettings>[0]),
      (error: unknown) => error instanceof RangeError && error.message === message,
      message,
    );
  }
});
