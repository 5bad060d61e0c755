package io.pptp4j.hdlc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Fcs16Test {

    /** RFC 1662 C.1 and 3.1 done bit by bit, without the table: the reference the table must match. */
    private static int bitwise(byte[] data) {
        int fcs = 0xFFFF;
        for (byte b : data) {
            fcs ^= b & 0xFF;
            for (int i = 0; i < 8; i++) {
                fcs = (fcs & 1) != 0 ? (fcs >>> 1) ^ 0x8408 : fcs >>> 1;
            }
        }
        return fcs;
    }

    @Test
    void computesTheStandardCheckValue() {
        // the CRC-16 used by PPP over "123456789", complemented: 0x906E
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(Fcs16.compute(check, 0, check.length)).isEqualTo(0x906E);
        assertThat(bitwise(check) ^ 0xFFFF).isEqualTo(0x906E);
    }

    @Test
    void tableMatchesRfc1662AppendixC2() {
        // first row, a middle row and the last row as printed in RFC 1662 C.2
        int[] first = {0x0000, 0x1189, 0x2312, 0x329b, 0x4624, 0x57ad, 0x6536, 0x74bf};
        int[] row16 = {0x8408, 0x9581, 0xa71a, 0xb693, 0xc22c, 0xd3a5, 0xe13e, 0xf0b7};
        int[] last = {0x7bc7, 0x6a4e, 0x58d5, 0x495c, 0x3de3, 0x2c6a, 0x1ef1, 0x0f78};
        for (int i = 0; i < 8; i++) {
            assertThat(Fcs16.tableEntry(i)).isEqualTo(first[i]);
            assertThat(Fcs16.tableEntry(128 + i)).isEqualTo(row16[i]);
            assertThat(Fcs16.tableEntry(248 + i)).isEqualTo(last[i]);
        }
    }

    @Test
    void tableDrivenEqualsBitwiseForEveryOctet() {
        for (int b = 0; b < 256; b++) {
            byte[] one = {(byte) b};
            assertThat(Fcs16.update(Fcs16.INITIAL, one, 0, 1)).as("octet %d", b).isEqualTo(bitwise(one));
            assertThat(Fcs16.update(Fcs16.INITIAL, b)).isEqualTo(bitwise(one));
        }
    }

    @Test
    void frameFollowedByItsFcsLowOctetFirstEndsAtGood() {
        byte[] frame = {(byte) 0xff, 0x03, (byte) 0xc0, 0x21, 0x09, 0x01, 0x00, 0x08, 1, 2, 3, 4, 0, 0};
        int fcs = Fcs16.compute(frame, 0, frame.length - 2);
        frame[frame.length - 2] = (byte) fcs;
        frame[frame.length - 1] = (byte) (fcs >>> 8);
        assertThat(Fcs16.update(Fcs16.INITIAL, frame, 0, frame.length)).isEqualTo(Fcs16.GOOD);
        assertThat(Fcs16.isGood(frame, 0, frame.length)).isTrue();
        frame[3] ^= 0x01;
        assertThat(Fcs16.isGood(frame, 0, frame.length)).isFalse();
    }

    @Test
    void updateInPiecesEqualsUpdateInOneGo() {
        byte[] data = "The FCS field is calculated over all bits".getBytes(StandardCharsets.US_ASCII);
        int whole = Fcs16.update(Fcs16.INITIAL, data, 0, data.length);
        for (int split = 0; split <= data.length; split++) {
            int a = Fcs16.update(Fcs16.INITIAL, data, 0, split);
            assertThat(Fcs16.update(a, data, split, data.length - split)).isEqualTo(whole);
        }
        assertThat(whole).isEqualTo(bitwise(data));
    }

    @Test
    void shortInputIsNeverGood() {
        assertThat(Fcs16.isGood(new byte[] {(byte) 0xB8}, 0, 1)).isFalse();
    }
}
