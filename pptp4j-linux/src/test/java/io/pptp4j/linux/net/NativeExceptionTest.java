package io.pptp4j.linux.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

/** errno decoding and messages; no root needed. */
class NativeExceptionTest {

    @Test
    void formatsCallTextNameAndNumber() {
        NativeException e = new NativeException("socket(AF_INET, SOCK_RAW, 47)", 1);
        assertThat(e).hasMessage("socket(AF_INET, SOCK_RAW, 47): Operation not permitted (EPERM, errno 1)");
        assertThat(e.call()).isEqualTo("socket(AF_INET, SOCK_RAW, 47)");
        assertThat(e.errno()).isEqualTo(1);
        assertThat(e.errnoName()).contains(Errno.EPERM);
        assertThat(e.is(Errno.EPERM)).isTrue();
        assertThat(e.is(Errno.EACCES)).isFalse();
    }

    @Test
    void namesTheSendErrorsADataPathCounts() {
        assertThat(new NativeException("sendto(192.0.2.2, 20 bytes)", 105))
                .hasMessage("sendto(192.0.2.2, 20 bytes): No buffer space available (ENOBUFS, errno 105)");
        assertThat(new NativeException("sendto(192.0.2.2, 2000 bytes)", 90))
                .hasMessage("sendto(192.0.2.2, 2000 bytes): Message too long (EMSGSIZE, errno 90)");
        assertThat(new NativeException("recvfrom", 11))
                .hasMessage("recvfrom: Resource temporarily unavailable (EAGAIN, errno 11)");
        assertThat(SendResult.NO_BUFFER_SPACE.errno()).isEqualTo(Errno.ENOBUFS.value());
        assertThat(SendResult.MESSAGE_TOO_LONG.errno()).isEqualTo(Errno.EMSGSIZE.value());
    }

    @Test
    void keepsAnErrnoWithoutName() {
        NativeException e = new NativeException("ioctl", 4000);
        assertThat(e).hasMessage("ioctl: Unknown error 4000 (errno 4000)");
        assertThat(e.errnoName()).isEmpty();
    }

    @Test
    void errnoTableMatchesTheKernelNumbers() {
        assertThat(Errno.of(9)).contains(Errno.EBADF);
        assertThat(Errno.of(99)).contains(Errno.EADDRNOTAVAIL);
        assertThat(Errno.of(113)).contains(Errno.EHOSTUNREACH);
        assertThat(Errno.of(15)).isEmpty(); // ENOTBLK: not in the table
        assertThat(Errno.describe(22)).isEqualTo("EINVAL, errno 22");
        assertThat(Errno.describe(15)).isEqualTo("errno 15");
        // the table and libc agree on every value it names
        assertThat(Libc.strerror(Errno.ECONNREFUSED.value())).isEqualTo("Connection refused");
        assertThat(Libc.strerror(Errno.ENOPROTOOPT.value())).isEqualTo("Protocol not available");
        assertThat(Libc.strerror(Errno.EPROTONOSUPPORT.value())).isEqualTo("Protocol not supported");
    }

    @Test
    void capturesEbadfFromAClosedDescriptor() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.newCallState(arena);
            MemorySegment buf = arena.allocate(16);
            MemorySegment address = arena.allocate(Libc.SOCKADDR_IN_SIZE);
            long sent = Libc.sendto(state, -1, buf, 16, 0, address, Libc.SOCKADDR_IN_SIZE);
            assertThat(sent).isEqualTo(-1);
            assertThat(Libc.errno(state)).isEqualTo(Errno.EBADF.value());
            assertThatThrownBy(() -> Libc.check(Libc.close(state, -1), state, () -> "close(-1)"))
                    .isInstanceOf(NativeException.class)
                    .hasMessage("close(-1): Bad file descriptor (EBADF, errno 9)");
        }
    }

    @Test
    void capturesEnodevForAnUnknownInterface() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.newCallState(arena);
            int index = Libc.ifNameToIndex(state, arena.allocateFrom("p4j-none"));
            assertThat(index).isZero();
            assertThat(new NativeException("if_nametoindex(p4j-none)", Libc.errno(state)))
                    .hasMessage("if_nametoindex(p4j-none): No such device (ENODEV, errno 19)");
            assertThat(Libc.ifNameToIndex(state, arena.allocateFrom("lo"))).isPositive();
        }
    }
}
