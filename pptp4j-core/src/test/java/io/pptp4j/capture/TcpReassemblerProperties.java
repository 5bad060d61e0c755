package io.pptp4j.capture;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class TcpReassemblerProperties {

    /** A stream cut into segments, each sent once or more, in an order shuffled within a few places. */
    record Transfer(long initialSequence, byte[] data, List<int[]> segments) {}

    @Provide
    Arbitrary<Transfer> transfers() {
        Arbitrary<Long> isn = Arbitraries.oneOf(Arbitraries.longs().between(0, 0xFFFF_FFFFL),
                Arbitraries.longs().between(0xFFFF_FF00L, 0xFFFF_FFFFL));
        Arbitrary<byte[]> data = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(3000);
        Arbitrary<Long> seed = Arbitraries.longs();
        return Combinators.combine(isn, data, seed).as((i, d, s) -> new Transfer(i, d, plan(d.length, new Random(s))));
    }

    /** Segments as {start, length}: a cover of the stream, some resent whole or overlapping, locally shuffled. */
    private static List<int[]> plan(int length, Random random) {
        List<int[]> segments = new ArrayList<>();
        for (int at = 0; at < length; ) {
            int n = Math.min(length - at, 1 + random.nextInt(300));
            segments.add(new int[] {at, n});
            if (random.nextInt(4) == 0) {
                segments.add(new int[] {at, n});
            }
            if (random.nextInt(5) == 0) {
                int from = Math.max(0, at - random.nextInt(200));
                segments.add(new int[] {from, Math.min(length - from, n + random.nextInt(400))});
            }
            at += n;
        }
        for (int i = 0; i < segments.size(); i++) {
            int j = Math.min(segments.size() - 1, i + random.nextInt(4));
            Collections.swap(segments, i, j);
        }
        return segments;
    }

    @Property(tries = 300)
    void deliversEveryByteOnceAndInOrder(@ForAll("transfers") Transfer t) {
        TcpSegments s = new TcpSegments().syn(true, t.initialSequence());
        for (int[] segment : t.segments()) {
            byte[] bytes = java.util.Arrays.copyOfRange(t.data(), segment[0], segment[0] + segment[1]);
            s.send(true, (t.initialSequence() + 1 + segment[0]) & 0xFFFF_FFFFL, Dissection.TCP_PSH, bytes);
        }
        s.finish();

        assertThat(s.clientBytes()).isEqualTo(t.data());
        assertThat(s.connection().clientToServer().gapBytes()).isZero();
        assertThat(s.recorder.events).noneMatch(e -> e.contains("gap"));
    }

    @Property(tries = 200)
    void reportsWhatNeverCameAsGapsAndDeliversTheRest(@ForAll("transfers") Transfer t, @ForAll long seed) {
        Random random = new Random(seed);
        TcpSegments s = new TcpSegments(new TcpReassembler(16, 1 + random.nextInt(2000), TcpReassembler.DEFAULT_SERVICE_PORT))
                .syn(true, t.initialSequence());
        boolean[] sent = new boolean[t.data().length];
        for (int[] segment : t.segments()) {
            if (random.nextInt(6) == 0) {
                continue; // lost
            }
            byte[] bytes = java.util.Arrays.copyOfRange(t.data(), segment[0], segment[0] + segment[1]);
            s.send(true, (t.initialSequence() + 1 + segment[0]) & 0xFFFF_FFFFL, Dissection.TCP_PSH, bytes);
            for (int i = segment[0]; i < segment[0] + segment[1]; i++) {
                sent[i] = true;
            }
        }
        s.finish();
        if (s.recorder.connections.isEmpty()) {
            return;
        }
        TcpStream stream = s.connection().clientToServer();
        byte[] delivered = s.clientBytes();

        // each chunk delivered is the data after the bytes delivered or reported missing before it
        int cursor = 0;
        int deliveredAt = 0;
        for (String event : s.recorder.events) {
            String[] e = event.split(" ");
            if (!e[1].equals("c>s") || e.length < 4) {
                continue;
            }
            int n = Integer.parseInt(e[3]);
            if (e[2].equals("data")) {
                assertThat(java.util.Arrays.copyOfRange(delivered, deliveredAt, deliveredAt + n))
                        .isEqualTo(java.util.Arrays.copyOfRange(t.data(), cursor, cursor + n));
                deliveredAt += n;
            }
            cursor += n;
        }
        int lastSent = -1;
        for (int i = 0; i < sent.length; i++) {
            if (sent[i]) {
                lastSent = i;
            }
        }
        assertThat(deliveredAt).isEqualTo(delivered.length);
        assertThat(cursor).isEqualTo(lastSent + 1);
        assertThat(delivered.length + stream.gapBytes()).isEqualTo(lastSent + 1L);
    }
}
