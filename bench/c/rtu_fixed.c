/*
 * The floor of a Modbus RTU round trip over a pty: opens DEVICE raw and answers every 8-byte
 * request with the same 9 fixed bytes (02 04 04 43 66 33 34 + CRC), without looking at them.
 * Prints "ready" once the device is open. Runs until killed.
 *
 * With DELAY_US > 0 it answers as a slave with a reply delay does, at its best: once the 8th
 * byte is in, it sleeps until DELAY_US after that moment (clock_nanosleep on an absolute
 * deadline), then writes. That is the floor of "the reply leaves at its due time".
 *
 * With "rt" after the delay it runs at SCHED_FIFO 10 where allowed, as a1mb's RTU worker does: the
 * floor of a real-time thread on this machine. "ready rt" or "ready" says which it got.
 *
 * Usage: rtu_fixed DEVICE [DELAY_US [rt]]
 * Written for this benchmark; compiled at bench time (gcc -O2), never committed as a binary.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <string.h>
#include <stdio.h>
#include <stdlib.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static const unsigned char REPLY[9] = {0x02, 0x04, 0x04, 0x43, 0x66, 0x33, 0x34, 0x28, 0x38};

int main(int argc, char **argv) {
  if (argc < 2 || argc > 4 || (argc == 4 && strcmp(argv[3], "rt") != 0)) {
    fprintf(stderr, "usage: rtu_fixed DEVICE [DELAY_US [rt]]\n");
    return 2;
  }
  long delay_us = argc >= 3 ? atol(argv[2]) : 0;
  int rt = 0;
  if (argc == 4) {
    struct sched_param sp = {.sched_priority = 10};
    rt = sched_setscheduler(0, SCHED_FIFO, &sp) == 0;
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
  printf(rt ? "ready rt\n" : "ready\n");
  fflush(stdout);
  unsigned char buf[256];
  int got = 0;
  for (;;) {
    ssize_t r = read(fd, buf + got, sizeof buf - got);
    if (r <= 0) return 0;
    got += r;
    while (got >= 8) {
      if (delay_us > 0) {
        struct timespec due;
        clock_gettime(CLOCK_MONOTONIC, &due);
        due.tv_nsec += (delay_us % 1000000) * 1000;
        due.tv_sec += delay_us / 1000000 + due.tv_nsec / 1000000000;
        due.tv_nsec %= 1000000000;
        while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &due, NULL) == EINTR) {
        }
      }
      if (write(fd, REPLY, sizeof REPLY) != (ssize_t)sizeof REPLY) return 1;
      got -= 8;
    }
  }
}
