package io.pptp4j.linux.stdio;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptp4j.hdlc.AsyncHdlcEncoder;
import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.Hex;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HdlcStreamLinkTest {
    private static final Bytes LCP_REQUEST = Bytes.fromHex("ff03c02101010008 01040578".replace(" ", ""));
    private static final Bytes IP_FRAME = Bytes.fromHex("00214500001400007e7d0001c0000201c6336414");

    @Test
    void decodesFramesFromTheInputAndSaysWhenItEnds() throws Exception {
        byte[] stream = concat(AsyncHdlcEncoder.encode(LCP_REQUEST.toArray(), 0xFFFFFFFFL),
                Hex.parse("7e41424344457e"), // a frame with a bad FCS between flags (no control characters: the ACCM would drop them)
                AsyncHdlcEncoder.encode(IP_FRAME.toArray(), 0xFFFFFFFFL)); // our receive ACCM maps every control character
        List<Bytes> frames = new CopyOnWriteArrayList<>();
        CountDownLatch ended = new CountDownLatch(1);
        try (HdlcStreamLink link = new HdlcStreamLink(new ByteArrayInputStream(stream), new ByteArrayOutputStream(),
                frames::add, ended::countDown).start()) {
            assertThat(ended.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(frames).containsExactly(LCP_REQUEST, IP_FRAME);
            assertThat(link.badFrames()).isEqualTo(1);
        }
    }

    @Test
    void sendWritesOneFramedFrameWithTheTransmitAccm() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (HdlcStreamLink link = new HdlcStreamLink(new ByteArrayInputStream(new byte[0]), out, f -> { }, () -> { })) {
            link.send(IP_FRAME);
            assertThat(out.toByteArray()).isEqualTo(AsyncHdlcEncoder.encode(IP_FRAME.toArray(), 0xFFFFFFFFL));
            out.reset();
            link.transmitAccm(0);
            link.send(IP_FRAME);
            assertThat(out.toByteArray()).isEqualTo(AsyncHdlcEncoder.encode(IP_FRAME.toArray(), 0));
        }
    }

    @Test
    void twoLinksBackToBackCarryFramesBothWays() throws Exception {
        PipedInputStream aIn = new PipedInputStream(1 << 16);
        PipedInputStream bIn = new PipedInputStream(1 << 16);
        PipedOutputStream aOut = new PipedOutputStream(bIn);
        PipedOutputStream bOut = new PipedOutputStream(aIn);
        List<Bytes> atA = new CopyOnWriteArrayList<>();
        List<Bytes> atB = new CopyOnWriteArrayList<>();
        try (HdlcStreamLink a = new HdlcStreamLink(aIn, aOut, atA::add, () -> { }).start();
             HdlcStreamLink b = new HdlcStreamLink(bIn, bOut, atB::add, () -> { }).start()) {
            for (int i = 0; i < 50; i++) {
                a.send(Bytes.fromHex(String.format("0021%08x7d7e11", i)));
                b.send(Bytes.fromHex(String.format("c021%08x1314", i)));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while ((atA.size() < 50 || atB.size() < 50) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(atB).hasSize(50).first().isEqualTo(Bytes.fromHex("0021000000007d7e11"));
            assertThat(atA).hasSize(50).last().isEqualTo(Bytes.fromHex("c021000000311314"));
        }
    }

    private static byte[] concat(byte[]... parts) throws IOException {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) o.write(p);
        return o.toByteArray();
    }
}
