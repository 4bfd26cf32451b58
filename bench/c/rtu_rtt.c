/*
 * Modbus RTU round-trip meter over a pseudo-terminal, for a1mb's benchmarks. Opens a pty pair,
 * prints the slave path on stdout, waits for a line on stdin (the server under test has opened
 * the slave), then sends COUNT requests (address 2, FC04, address 0, 2 registers) one at a time,
 * reads each 9-byte reply, and prints one JSON line with round-trip percentiles in µs:
 *   {"count":N,"errors":E,"min_us":M,"p50_us":A,"p99_us":B,"max_us":C,"rt":R}
 * A round trip = request written → last reply byte read. Warm-up requests are not counted; a
 * request unanswered within 2 s is an error (printed on stderr); after 20 errors in a row or 50
 * in all the meter gives up and reports what it has.
 *
 * With "rt" as third argument the meter runs at real-time priority (SCHED_FIFO 50), as an
 * instrument should: on a saturated machine its own wake-up would otherwise be measured as the
 * server's lateness. "rt":1 says it got it, 0 that it was refused (then it runs as usual).
 *
 * Usage: rtu_rtt COUNT WARMUP [rt]
 * Written for this benchmark; compiled at bench time (gcc -O2), never committed as a binary.
 */
#define _DEFAULT_SOURCE
#define _XOPEN_SOURCE 600
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static double now_us(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/* 02 04 00 00 00 02 + CRC-16/MODBUS (low byte first). */
static const unsigned char REQUEST[8] = {0x02, 0x04, 0x00, 0x00, 0x00, 0x02, 0x71, 0xf8};

int main(int argc, char **argv) {
  if (argc != 3 && !(argc == 4 && strcmp(argv[3], "rt") == 0)) {
    fprintf(stderr, "usage: rtu_rtt COUNT WARMUP [rt]\n");
    return 2;
  }
  int count = atoi(argv[1]);
  int warmup = atoi(argv[2]);
  int rt = 0;
  if (argc == 4) {
    struct sched_param sp = {.sched_priority = 50};
    rt = sched_setscheduler(0, SCHED_FIFO, &sp) == 0;
  }
  /* A pty numbered 32 or above: on a shared machine a low number is the one some other program
   * may still have in a stale configuration and open by path (stealing the bytes). The lower
   * ones taken on the way are given back. */
  int skipped[64], nskipped = 0, master = -1;
  while (nskipped < 64) {
    int m = posix_openpt(O_RDWR | O_NOCTTY);
    if (m < 0 || grantpt(m) != 0 || unlockpt(m) != 0) {
      perror("pty");
      return 1;
    }
    if (atoi(ptsname(m) + strlen("/dev/pts/")) >= 32) {
      master = m;
      break;
    }
    skipped[nskipped++] = m;
  }
  if (master < 0) master = skipped[--nskipped];
  for (int k = 0; k < nskipped; k++) close(skipped[k]);
  struct termios t;
  tcgetattr(master, &t);
  cfmakeraw(&t);
  tcsetattr(master, TCSANOW, &t);
  /* Keep a slave fd open (raw) so the master never sees a hang-up between server opens. */
  int keep = open(ptsname(master), O_RDWR | O_NOCTTY);
  tcgetattr(keep, &t);
  cfmakeraw(&t);
  tcsetattr(keep, TCSANOW, &t);
  printf("%s\n", ptsname(master));
  fflush(stdout);
  char line[64];
  if (fgets(line, sizeof line, stdin) == NULL) return 1;
  tcflush(master, TCIOFLUSH);
  double *samples = malloc(sizeof(double) * (count > 0 ? count : 1));
  int n = 0, errors = 0, in_a_row = 0;
  unsigned char reply[64];
  for (int i = 0; i < warmup + count; i++) {
    double start = now_us();
    if (write(master, REQUEST, sizeof REQUEST) != (ssize_t)sizeof REQUEST) return 1;
    int got = 0;
    while (got < 9) {
      struct pollfd p = {.fd = master, .events = POLLIN};
      if (poll(&p, 1, 2000) <= 0) break;
      ssize_t r = read(master, reply + got, sizeof reply - got);
      if (r <= 0) break;
      got += r;
    }
    double rtt = now_us() - start;
    if (got != 9 || reply[0] != 0x02 || reply[1] != 0x04) {
      errors++;
      fprintf(stderr, "request %d: %d reply bytes after %.0f µs\n", i, got, rtt);
      if (++in_a_row >= 20 || errors >= 50) break;
      tcflush(master, TCIFLUSH);
      usleep(20000);
      continue;
    }
    in_a_row = 0;
    if (i >= warmup) samples[n++] = rtt;
    usleep(500); /* a gap between requests, as a real master leaves */
  }
  qsort(samples, n, sizeof(double), cmp_double);
  printf("{\"count\":%d,\"errors\":%d,\"min_us\":%.1f,\"p50_us\":%.1f,\"p99_us\":%.1f,"
         "\"max_us\":%.1f,\"rt\":%d}\n",
         n, errors, n ? samples[0] : 0, n ? samples[n / 2] : 0, n ? samples[(int)(n * 0.99)] : 0,
         n ? samples[n - 1] : 0, rt);
  return 0;
}
