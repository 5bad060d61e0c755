/*
 * A minimal, fast PPTP responder for bench/scan-vs-nmap.sh, not a server: one thread, epoll. Answers
 * each Start-Control-Connection-Request (RFC 2637 2.1) with a fixed successful reply (2.2) and each
 * Stop-Control-Connection-Request (2.3) with a reply (2.4), then closes; anything else closes.
 * Usage: pptp-responder [PORT]   (listens on 0.0.0.0, default 1723)
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAXCONN 65536
static unsigned char sccrp[156], stopccrp[16];
static unsigned char *buf[MAXCONN];
static unsigned short fill[MAXCONN];

static void header(unsigned char *m, int len, int type) {
    memset(m, 0, len);
    m[0] = len >> 8; m[1] = len & 0xff; m[3] = 1;               /* Length, PPTP Message Type 1 */
    m[4] = 0x1a; m[5] = 0x2b; m[6] = 0x3c; m[7] = 0x4d;          /* Magic Cookie */
    m[9] = type;                                                 /* Control Message Type */
}

static void drop(int ep, int fd) {
    epoll_ctl(ep, EPOLL_CTL_DEL, fd, NULL);
    close(fd);
    fill[fd] = 0;
}

int main(int argc, char **argv) {
    int port = argc > 1 ? atoi(argv[1]) : 1723;
    header(sccrp, 156, 2);
    sccrp[12] = 1; sccrp[14] = 1;                                /* version 1.0, Result Code 1 */
    sccrp[19] = 1; sccrp[23] = 1; sccrp[25] = 1;                 /* framing 1, bearer 1, 1 channel */
    sccrp[26] = 4242 >> 8; sccrp[27] = 4242 & 0xff;              /* Firmware Revision */
    strcpy((char *) sccrp + 28, "bench-responder");
    strcpy((char *) sccrp + 92, "pptp4j-bench");
    header(stopccrp, 16, 4);
    stopccrp[12] = 1;                                            /* Result Code 1 */

    int ls = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0), one = 1;
    setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port), .sin_addr.s_addr = htonl(INADDR_ANY)};
    if (bind(ls, (struct sockaddr *) &a, sizeof a) < 0 || listen(ls, 4096) < 0) { perror("bind/listen"); return 1; }
    int ep = epoll_create1(0);
    struct epoll_event ev = {.events = EPOLLIN, .data.fd = ls}, evs[256];
    epoll_ctl(ep, EPOLL_CTL_ADD, ls, &ev);
    printf("bench responder listening on 0.0.0.0:%d\n", port);
    fflush(stdout);
    for (;;) {
        int n = epoll_wait(ep, evs, 256, -1);
        for (int i = 0; i < n; i++) {
            int fd = evs[i].data.fd;
            if (fd == ls) {
                int c;
                while ((c = accept4(ls, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
                    if (c >= MAXCONN) { close(c); continue; }
                    if (!buf[c]) buf[c] = malloc(512);
                    fill[c] = 0;
                    ev.events = EPOLLIN; ev.data.fd = c;
                    epoll_ctl(ep, EPOLL_CTL_ADD, c, &ev);
                }
                continue;
            }
            ssize_t r = read(fd, buf[fd] + fill[fd], 512 - fill[fd]);
            if (r <= 0) { if (r == 0 || errno != EAGAIN) drop(ep, fd); continue; }
            fill[fd] += r;
            unsigned char *b = buf[fd];
            int at = 0, closed = 0;
            while (fill[fd] - at >= 12) {
                int len = b[at] << 8 | b[at + 1], type = b[at + 8] << 8 | b[at + 9];
                if (len < 12 || len > 512) { drop(ep, fd); closed = 1; break; }
                if (fill[fd] - at < len) break;
                at += len;
                if (type == 1) {
                    if (write(fd, sccrp, sizeof sccrp) < 0) { drop(ep, fd); closed = 1; break; }
                } else {
                    if (type == 3 && write(fd, stopccrp, sizeof stopccrp) < 0) { }
                    drop(ep, fd); closed = 1; break;
                }
            }
            if (!closed) { memmove(b, b + at, fill[fd] - at); fill[fd] -= at; }
        }
    }
}
