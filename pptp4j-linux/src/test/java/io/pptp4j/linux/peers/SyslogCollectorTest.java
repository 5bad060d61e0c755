package io.pptp4j.linux.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The collector as glibc's syslog(3) talks to it over a stream socket: NUL after each message. */
class SyslogCollectorTest {
    @TempDir
    Path dir;

    @Test
    void splitsMessagesAtNulAcrossWrites() throws Exception {
        try (SyslogCollector syslog = SyslogCollector.open(dir.resolve("log.sock"));
             SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            c.connect(UnixDomainSocketAddress.of(syslog.socketPath()));
            write(c, "<30>Nov 24 00:31:52 pptpd[5863]: MGR: Manager process started\0<30>Nov 24 00:31:52 pp");
            write(c, "tpd[5863]: MGR: Maximum of 100 connections available\0");
            SyslogMessage second = syslog.await(m -> m.text().startsWith("MGR: Maximum"), Duration.ofSeconds(5), "the second");
            assertThat(second.pid()).hasValue(5863);
            assertThat(syslog.messages()).extracting(SyslogMessage::text)
                    .containsExactly("MGR: Manager process started", "MGR: Maximum of 100 connections available");
        }
    }

    @Test
    void takesOneConnectionPerMessage() throws Exception {
        try (SyslogCollector syslog = SyslogCollector.open(dir.resolve("log.sock"))) {
            for (int i = 0; i < 3; i++) {
                try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(syslog.socketPath()))) {
                    write(c, "<29>Nov 24 00:33:36 pptp[7040]: message " + i + "\n\0");
                }
            }
            for (int i = 0; i < 3; i++) {
                String text = "message " + i;
                syslog.await(m -> m.text().equals(text), Duration.ofSeconds(5), text); // connections race each other
            }
            assertThat(syslog.messages()).extracting(SyslogMessage::text)
                    .containsExactlyInAnyOrder("message 0", "message 1", "message 2");
        }
    }

    @Test
    void timesOutWithWhatWasLogged() throws Exception {
        try (SyslogCollector syslog = SyslogCollector.open(dir.resolve("log.sock"));
             SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(dir.resolve("log.sock")))) {
            write(c, "<28>Nov 24 00:32:11 pptp[6492]: anon warn[decaps_hdlc:pptp_gre.c:226]: short read (0)\0");
            syslog.await(m -> m.tag().equals("pptp"), Duration.ofSeconds(5), "the warning");
            assertThatThrownBy(() -> syslog.await(m -> m.text().contains("established"), Duration.ofMillis(50), "a call"))
                    .isInstanceOf(PeerTimeoutException.class)
                    .hasMessage("no syslog message showing a call within 50 ms; logged:\n"
                            + "  pptp[6492] <4>: anon warn[decaps_hdlc:pptp_gre.c:226]: short read (0)\n");
        }
    }

    @Test
    void closeRemovesTheSocketFile() throws Exception {
        Path socket = dir.resolve("log.sock");
        SyslogCollector syslog = SyslogCollector.open(socket);
        assertThat(socket).exists();
        syslog.close();
        assertThat(socket).doesNotExist();
        assertThat(Files.exists(socket)).isFalse();
    }

    private static void write(SocketChannel c, String s) throws Exception {
        ByteBuffer b = ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
            c.write(b);
        }
    }
}
