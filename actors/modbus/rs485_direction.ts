/**
 * RS485 transceiver direction for the RTU slave, as `[modbus.rtu] rs485` says: `"none"` (the
 * adapter switches by itself), `"kernel"` (Linux TIOCSRS485: the driver raises RTS while it
 * sends), `"rts"` (RTS raised by hand around each reply). A device that refuses the mode (a pty,
 * a USB adapter without RS485 support: ENOTTY) is reported once through `report`, and the slave
 * carries on without it.
 *
 * @module
 */
import type { Rs485Mode } from "../../config/mod.ts";
import type { ModemLines, Rs485Control, SerialPort } from "../../drivers/serial/mod.ts";

/** A serial port with whatever line control it has (fakes may have none). */
export type RtuPort = SerialPort & Partial<ModemLines> & Partial<Rs485Control>;

/** What the slave does around each reply. */
export interface Direction {
  /** True when the reply must be drained before {@linkcode after} (RTS by hand). */
  readonly toggles: boolean;
  /** Before the reply's first byte. */
  before(): void;
  /** After the reply's last byte has left (drained). */
  after(): void;
}

const NONE: Direction = { toggles: false, before() {}, after() {} };

const UNSUPPORTED = "unsupported on this device (no line control)";

/**
 * Sets the port up for `mode` and returns what to do around each reply. `report` gets one
 * sentence per problem, e.g.
 * `rs485 = "kernel": unsupported on this device (ENOTTY): /dev/pts/3; the adapter must switch direction by itself`.
 */
export function setupDirection(
  port: RtuPort,
  mode: Rs485Mode,
  report: (problem: string) => void,
): Direction {
  switch (mode) {
    case "none":
      return NONE;
    case "kernel": {
      const result = port.setRs485?.({ enabled: true, rtsOnSend: true, rtsAfterSend: false });
      if (result === undefined || !result.ok) {
        const reason = result === undefined ? UNSUPPORTED : result.reason;
        report(
          `rs485 = "kernel": ${reason}: ${port.path}; the adapter must switch direction by itself`,
        );
      }
      return NONE;
    }
    case "rts":
      return rtsDirection(port, report);
    default: {
      const unknown: never = mode;
      throw new TypeError(`Unknown rs485 mode: "${String(unknown)}"`);
    }
  }
}

function rtsDirection(port: RtuPort, report: (problem: string) => void): Direction {
  let working = true;
  const set = (rts: boolean): void => {
    if (!working) return;
    const result = port.setLines?.({ rts });
    if (result !== undefined && result.ok) return;
    working = false;
    const reason = result === undefined ? UNSUPPORTED : result.reason;
    report(
      `rs485 = "rts": cannot switch RTS: ${reason}: ${port.path}; replying without toggling RTS`,
    );
  };
  return {
    get toggles() {
      return working;
    },
    before: () => set(true),
    after: () => set(false),
  };
}
