/*
 * Closed-loop Modbus TCP load generator for a1mb's benchmarks: CONNECTIONS sockets on one epoll
 * thread, each with one request in flight (FC04, unit UNIT, address 0, 2 registers); a reply is
 * checked (13 bytes, same transaction id, function 04) before the next request goes out.
 * Runs WARMUP_MS, then counts for DURATION_MS (0: until a line or end of input on stdin, so a
 * benchmark can hold the load while it measures something else), and prints one JSON line:
 *   {"requests":N,"seconds":S,"total":T,"errors":E,"p50_us":A,"p99_us":B}
 * (`total` counts every reply, warm-up included: CPU per request = server CPU / total).
 *
 * Usage: tcp_load HOST PORT CONNECTIONS DURATION_MS WARMUP_MS UNIT
 * Written for this benchmark; compiled at bench time (gcc -O2), never committed as a binary.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_CONN 1024
#define REPLY_LEN 13
#define MAX_SAMPLES 4000000

struct conn {
  int fd;
  uint16_t tid;
  unsigned char buf[64];
  int got;
  double sent_us;
};

static double now_us(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static int send_request(struct conn *c, int unit) {
  unsigned char req[12] = {0, 0, 0, 0, 0, 6, 0, 0x04, 0x00, 0x00, 0x00, 0x02};
  c->tid++;
  req[0] = c->tid >> 8;
  req[1] = c->tid & 0xff;
  req[6] = unit;
  c->got = 0;
  c->sent_us = now_us();
  ssize_t n = write(c->fd, req, sizeof req);
  return n == (ssize_t)sizeof req ? 0 : -1;
}

int main(int argc, char **argv) {
  if (argc != 7) {
    fprintf(stderr, "usage: tcp_load HOST PORT CONNECTIONS DURATION_MS WARMUP_MS UNIT\n");
    return 2;
  }
  const char *host = argv[1];
  int port = atoi(argv[2]);
  int nconn = atoi(argv[3]);
  double duration_us = atof(argv[4]) * 1000;
  double warmup_us = atof(argv[5]) * 1000;
  int unit = atoi(argv[6]);
  if (nconn < 1 || nconn > MAX_CONN) return 2;
  int until_stdin = duration_us == 0;
  static struct conn conns[MAX_CONN];
  double *samples = malloc(sizeof(double) * MAX_SAMPLES);
  long nsamples = 0;
  int ep = epoll_create1(0);
  struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons(port)};
  inet_pton(AF_INET, host, &addr.sin_addr);
  for (int i = 0; i < nconn; i++) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (connect(fd, (struct sockaddr *)&addr, sizeof addr) != 0) {
      perror("connect");
      return 1;
    }
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    conns[i].fd = fd;
    conns[i].tid = (uint16_t)(i * 1000);
    struct epoll_event ev = {.events = EPOLLIN, .data.u32 = (uint32_t)i};
    epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
  }
  if (until_stdin) {
    struct epoll_event ev = {.events = EPOLLIN, .data.u32 = MAX_CONN};
    epoll_ctl(ep, EPOLL_CTL_ADD, 0, &ev);
    printf("loading\n");
    fflush(stdout);
  }
  for (int i = 0; i < nconn; i++) send_request(&conns[i], unit);
  double start = now_us();
  double count_from = start + warmup_us;
  double end = until_stdin ? 1e300 : count_from + duration_us;
  long requests = 0, total = 0, errors = 0;
  struct epoll_event events[MAX_CONN + 1];
  for (;;) {
    double t = now_us();
    if (t >= end) break;
    int n = epoll_wait(ep, events, MAX_CONN + 1, 100);
    for (int k = 0; k < n; k++) {
      if (events[k].data.u32 == MAX_CONN) {
        end = now_us();
        break;
      }
      struct conn *c = &conns[events[k].data.u32];
      ssize_t r = read(c->fd, c->buf + c->got, sizeof c->buf - c->got);
      if (r <= 0) {
        if (r < 0 && errno == EINTR) continue;
        fprintf(stderr, "connection closed by the server\n");
        return 1;
      }
      c->got += r;
      if (c->got < REPLY_LEN) continue;
      double done = now_us();
      uint16_t tid = (c->buf[0] << 8) | c->buf[1];
      if (c->got != REPLY_LEN || tid != c->tid || c->buf[7] != 0x04) errors++;
      total++;
      if (done >= count_from && done < end) {
        requests++;
        if (nsamples < MAX_SAMPLES) samples[nsamples++] = done - c->sent_us;
      }
      send_request(c, unit);
    }
  }
  double seconds = until_stdin ? (end - count_from) / 1e6 : duration_us / 1e6;
  qsort(samples, nsamples, sizeof(double), cmp_double);
  double p50 = nsamples ? samples[nsamples / 2] : 0;
  double p99 = nsamples ? samples[(long)(nsamples * 0.99)] : 0;
  printf("{\"requests\":%ld,\"seconds\":%.3f,\"total\":%ld,\"errors\":%ld,\"p50_us\":%.1f,"
         "\"p99_us\":%.1f}\n",
         requests, seconds, total, errors, p50, p99);
  return 0;
}
