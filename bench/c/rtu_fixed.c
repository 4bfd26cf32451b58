/*
 * The floor of a Modbus RTU round trip over a pty: opens DEVICE raw and answers every 8-byte
 * request with the same 9 fixed bytes (02 04 04 43 66 33 34 + CRC), without looking at them.
 * Prints "ready" once the device is open. Runs until killed.
 *
 * Usage: rtu_fixed DEVICE
 * Written for this benchmark; compiled at bench time (gcc -O2), never committed as a binary.
 */
#include <fcntl.h>
#include <stdio.h>
#include <termios.h>
#include <unistd.h>

static const unsigned char REPLY[9] = {0x02, 0x04, 0x04, 0x43, 0x66, 0x33, 0x34, 0x28, 0x38};

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: rtu_fixed DEVICE\n");
    return 2;
  }
  int fd = open(argv[1], O_RDWR | O_NOCTTY);
  if (fd < 0) {
    perror("open");
    return 1;
  }
  struct termios t;
  tcgetattr(fd, &t);
  cfmakeraw(&t);
  t.c_cc[VMIN] = 1;
  t.c_cc[VTIME] = 0;
  tcsetattr(fd, TCSANOW, &t);
  printf("ready\n");
  fflush(stdout);
  unsigned char buf[256];
  int got = 0;
  for (;;) {
    ssize_t r = read(fd, buf + got, sizeof buf - got);
    if (r <= 0) return 0;
    got += r;
    while (got >= 8) {
      if (write(fd, REPLY, sizeof REPLY) != (ssize_t)sizeof REPLY) return 1;
      got -= 8;
    }
  }
}
