package io.pptp4j.ppp.mppe;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptp4j.wire.Bytes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** MPPE encryption and decryption in both modes, with lost, repeated and late packets (RFC 3078 7, 8). */
class MppeCipherTest {
    static final Bytes START128 = Bytes.fromHex("5feb418becd3d469e35a579c206297d0");
    static final Bytes START64 = Bytes.fromHex("8B7CDC149B993A1B");

    static Bytes payload(int i) { return Bytes.fromHex("0021" + "45000014" + String.format("%08x", i)); }

    static Bytes plain(MppeDecryptResult r) {
        assertThat(r).isInstanceOf(MppeDecryptResult.Plain.class);
        return ((MppeDecryptResult.Plain) r).packet();
    }

    /** pptpcrack-windows-rras-session.pcap frame 315: Windows client, coherency count 0, 128-bit stateless. */
    @Test
    void windowsClientFirstStatelessPacket() {
        MppeCipher rx = MppeCipher.of(START128, 128, true);
        MppePacket p = new MppePacket(MppeHeader.of(0x9000),
                Bytes.fromHex("0e55bc7331b4cb89d6f49a82be2c59345b08192f4a7447d9"));
        assertThat(plain(rx.decrypt(p))).isEqualTo(Bytes.fromHex("00214600002800000000010258a2c0a82b6fe00000169404"));
        assertThat(rx.coherencyCount()).isZero();
    }

    @Test
    void statelessRoundTripSetsFlushedOnEveryPacket() {
        for (int bits : new int[] {40, 56, 128}) {
            Bytes start = bits == 128 ? START128 : START64;
            MppeCipher tx = MppeCipher.of(start, bits, true);
            MppeCipher rx = MppeCipher.of(start, bits, true);
            for (int i = 0; i < 300; i++) {
                MppePacket p = tx.encrypt(payload(i));
                assertThat(p.header()).isEqualTo(MppeHeader.encrypted(i, true));
                assertThat(p.payload()).isNotEqualTo(payload(i));
                assertThat(plain(rx.decrypt(p))).isEqualTo(payload(i));
            }
        }
    }

    @Test
    void statelessReceiverCatchesUpOverLostPackets() {
        MppeCipher tx = MppeCipher.of(START128, 128, true);
        MppeCipher rx = MppeCipher.of(START128, 128, true);
        List<MppePacket> sent = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            sent.add(tx.encrypt(payload(i)));
        }
        // count wraps at 4096: packet 4100 has count 4
        for (int i : new int[] {0, 1, 5, 6, 300, 2000, 4000, 4095, 4100}) {
            assertThat(plain(rx.decrypt(sent.get(i)))).isEqualTo(payload(i));
        }
        assertThat(rx.coherencyCount()).isEqualTo(4);
        // count 4050 is 50 behind 4 (mod 4096): late, dropped
        assertThat(rx.decrypt(sent.get(4050))).isInstanceOf(MppeDecryptResult.Dropped.class);
    }

    @Test
    void statelessReceiverDropsRepeatedAndLatePackets() {
        MppeCipher tx = MppeCipher.of(START128, 128, true);
        MppeCipher rx = MppeCipher.of(START128, 128, true);
        MppePacket p0 = tx.encrypt(payload(0));
        MppePacket p1 = tx.encrypt(payload(1));
        MppePacket p2 = tx.encrypt(payload(2));
        plain(rx.decrypt(p0));
        plain(rx.decrypt(p2));
        assertThat(rx.decrypt(p2)).isEqualTo(new MppeDecryptResult.Dropped("coherency count 2 is not after 2"));
        assertThat(rx.decrypt(p1)).isEqualTo(new MppeDecryptResult.Dropped("coherency count 1 is not after 2"));
        assertThat(plain(rx.decrypt(tx.encrypt(payload(3))))).isEqualTo(payload(3));
    }

    @Test
    void statelessReceiverDropsPacketWithoutFlushedBit() {
        MppeCipher rx = MppeCipher.of(START128, 128, true);
        MppePacket p = new MppePacket(MppeHeader.encrypted(0, false), payload(0));
        assertThat(rx.decrypt(p)).isEqualTo(new MppeDecryptResult.Dropped("FLUSHED bit clear in stateless mode, count 0"));
    }

    @Test
    void statefulKeepsOneStreamAndChangesKeyOnFlagPackets() {
        MppeCipher tx = MppeCipher.of(START128, 128, false);
        MppeCipher rx = MppeCipher.of(START128, 128, false);
        for (int i = 0; i < 700; i++) {
            MppePacket p = tx.encrypt(payload(i));
            assertThat(p.header()).isEqualTo(MppeHeader.encrypted(i, false));
            assertThat(plain(rx.decrypt(p))).isEqualTo(payload(i));
        }
        // the first packet is RC4 from the initial session key, not a key changed once
        MppePacket first = MppeCipher.of(START128, 128, false).encrypt(payload(0));
        org.bouncycastle.crypto.engines.RC4Engine rc4 = new org.bouncycastle.crypto.engines.RC4Engine();
        rc4.init(true, new org.bouncycastle.crypto.params.KeyParameter(
                io.pptp4j.ppp.mschap.MppeKeys.initialSessionKey(START128, 128).toArray()));
        byte[] expected = payload(0).toArray();
        rc4.processBytes(expected, 0, expected.length, expected, 0);
        assertThat(first.payload()).isEqualTo(Bytes.of(expected));
    }

    @Test
    void statefulLossAsksForResetAndResyncsOnFlushedPacket() {
        MppeCipher tx = MppeCipher.of(START128, 128, false);
        MppeCipher rx = MppeCipher.of(START128, 128, false);
        plain(rx.decrypt(tx.encrypt(payload(0))));
        tx.encrypt(payload(1)); // lost
        assertThat(rx.decrypt(tx.encrypt(payload(2))))
                .isEqualTo(new MppeDecryptResult.NeedsReset("coherency count 2, expected 1"));
        assertThat(rx.decrypt(tx.encrypt(payload(3))))
                .isEqualTo(new MppeDecryptResult.Dropped("waiting for a FLUSHED packet after a Reset-Request, count 3"));
        tx.resetRequested();
        MppePacket flushed = tx.encrypt(payload(4));
        assertThat(flushed.header()).isEqualTo(MppeHeader.encrypted(4, true));
        assertThat(plain(rx.decrypt(flushed))).isEqualTo(payload(4));
        MppePacket next = tx.encrypt(payload(5));
        assertThat(next.header().flushed()).isFalse();
        assertThat(plain(rx.decrypt(next))).isEqualTo(payload(5));
    }

    @Test
    void statefulResyncAcrossLostFlagPackets() {
        MppeCipher tx = MppeCipher.of(START64, 56, false);
        MppeCipher rx = MppeCipher.of(START64, 56, false);
        plain(rx.decrypt(tx.encrypt(payload(0))));
        for (int i = 1; i < 700; i++) {
            tx.encrypt(payload(i)); // lost, including flag packets 255 and 511
        }
        assertThat(rx.decrypt(tx.encrypt(payload(700)))).isInstanceOf(MppeDecryptResult.NeedsReset.class);
        tx.resetRequested();
        assertThat(plain(rx.decrypt(tx.encrypt(payload(701))))).isEqualTo(payload(701));
        for (int i = 702; i < 1100; i++) {
            assertThat(plain(rx.decrypt(tx.encrypt(payload(i))))).isEqualTo(payload(i));
        }
    }

    @Test
    void statefulFlushedFlagPacketChangesKeyFirst() {
        MppeCipher tx = MppeCipher.of(START128, 128, false);
        MppeCipher rx = MppeCipher.of(START128, 128, false);
        for (int i = 0; i < 255; i++) {
            plain(rx.decrypt(tx.encrypt(payload(i))));
        }
        tx.resetRequested();
        MppePacket flag = tx.encrypt(payload(255));
        assertThat(flag.header()).isEqualTo(MppeHeader.encrypted(255, true));
        assertThat(plain(rx.decrypt(flag))).isEqualTo(payload(255));
    }

    @Test
    void dropsUnencryptedPacket() {
        MppeCipher rx = MppeCipher.of(START128, 128, true);
        assertThat(rx.decrypt(new MppePacket(MppeHeader.of(0x8000), payload(0))))
                .isEqualTo(new MppeDecryptResult.Dropped("bit D clear: not an encrypted packet"));
    }

    @Test
    void toStringShowsNoKey() {
        assertThat(MppeCipher.of(START128, 128, true).toString()).isEqualTo("MppeCipher[128 bits, stateless, count 4095]");
    }
}
