/**
 * Linux tty ioctl requests, termios flags and struct offsets, from
 * shared/reference/linux-serial.md (identical on x86_64 and aarch64). Internal to the serial
 * driver.
 *
 * @module
 */

// ioctl requests: the request argument is an unsigned long (u64), hence bigint.
export const TCGETS = 0x5401n;
export const TCSETS = 0x5402n;
export const TCFLSH = 0x540bn;
export const TIOCEXCL = 0x540cn;
export const TIOCNXCL = 0x540dn;
export const TIOCMBIS = 0x5416n;
export const TIOCMBIC = 0x5417n;
export const FIONREAD = 0x541bn;
export const TIOCSRS485 = 0x542fn;

// Modem line bits for TIOCMBIS/TIOCMBIC.
export const TIOCM_DTR = 0x2;
export const TIOCM_RTS = 0x4;

// tcflush queue selector (the TCFLSH ioctl argument, an unsigned long).
export const TCIFLUSH = 0n;

// c_iflag
export const IGNBRK = 0x1;
export const BRKINT = 0x2;
export const IGNPAR = 0x4;
export const PARMRK = 0x8;
export const INPCK = 0x10;
export const ISTRIP = 0x20;
export const INLCR = 0x40;
export const IGNCR = 0x80;
export const ICRNL = 0x100;
export const IXON = 0x400;
export const IXOFF = 0x1000;

// c_oflag
export const OPOST = 0x1;

// c_cflag
export const CBAUD = 0x100f;
/** Input baud bits: CBAUD shifted by IBSHIFT (16); zero means "same as output". */
export const CIBAUD = CBAUD * 0x10000;
export const CSIZE = 0x30;
export const CS7 = 0x20;
export const CS8 = 0x30;
export const CSTOPB = 0x40;
export const CREAD = 0x80;
export const PARENB = 0x100;
export const PARODD = 0x200;
export const CLOCAL = 0x800;
export const CRTSCTS = 0x80000000;

// c_lflag
export const ISIG = 0x1;
export const ICANON = 0x2;
export const ECHO = 0x8;
export const ECHONL = 0x40;
export const IEXTEN = 0x8000;

// c_cc indices
export const VTIME = 5;
export const VMIN = 6;

/**
 * Kernel `struct termios` as TCGETS/TCSETS move it: four u32 flag words, `c_line`, then 19
 * control characters (36 bytes). glibc's `struct termios` (60 bytes) starts with the same
 * layout, which is why one buffer size of 60 is safe for both.
 */
export const TERMIOS_BUFFER_SIZE = 60;
export const C_IFLAG = 0;
export const C_OFLAG = 4;
export const C_CFLAG = 8;
export const C_LFLAG = 12;
export const C_CC = 17;

// struct serial_rs485 (32 bytes).
export const SERIAL_RS485_SIZE = 32;
export const SER_RS485_ENABLED = 0x1;
export const SER_RS485_RTS_ON_SEND = 0x2;
export const SER_RS485_RTS_AFTER_SEND = 0x4;
export const SER_RS485_RX_DURING_TX = 0x10;
