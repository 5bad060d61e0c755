package io.pptp4j.gre;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GreSequenceTest {
    private static final long MAX = 0xFFFFFFFFL;

    @Test
    void nextWrapsToZero() {
        assertThat(GreSequence.next(0)).isEqualTo(1);
        assertThat(GreSequence.next(MAX)).isZero();
        assertThat(GreSequence.add(MAX - 1, 3)).isEqualTo(1);
        assertThat(GreSequence.add(1, -3)).isEqualTo(MAX - 1);
    }

    @Test
    void distanceIsSignedAcrossTheWrap() {
        assertThat(GreSequence.distance(5, 9)).isEqualTo(4);
        assertThat(GreSequence.distance(9, 5)).isEqualTo(-4);
        assertThat(GreSequence.distance(MAX, 1)).isEqualTo(2);
        assertThat(GreSequence.distance(1, MAX)).isEqualTo(-2);
        assertThat(GreSequence.distance(7, 7)).isZero();
        assertThat(GreSequence.distance(0, 0x7FFFFFFFL)).isEqualTo(0x7FFFFFFFL);
        assertThat(GreSequence.distance(0, 0x80000000L)).isEqualTo(-0x80000000L);
    }

    @Test
    void isAfterFollowsSerialNumberOrder() {
        assertThat(GreSequence.isAfter(9, 5)).isTrue();
        assertThat(GreSequence.isAfter(5, 9)).isFalse();
        assertThat(GreSequence.isAfter(5, 5)).isFalse();
        assertThat(GreSequence.isAfterOrEqual(5, 5)).isTrue();
        // just past the wrap: 0 and 1 come after 0xFFFFFFFF
        assertThat(GreSequence.isAfter(0, MAX)).isTrue();
        assertThat(GreSequence.isAfter(1, MAX - 10)).isTrue();
        assertThat(GreSequence.isBefore(MAX, 0)).isTrue();
        assertThat(GreSequence.isAfter(MAX, 0)).isFalse();
        // the farthest ahead that still counts as after: 2^31 - 1 steps
        assertThat(GreSequence.isAfter(0x7FFFFFFFL, 0)).isTrue();
        assertThat(GreSequence.isAfter(0x80000000L, 1)).isTrue();
        assertThat(GreSequence.isAfter(0x80000001L, 1)).isFalse(); // 2^31 apart: unordered
        // one step further and 1 is after it, by going forward across the wrap
        assertThat(GreSequence.isAfter(0x80000002L, 1)).isFalse();
        assertThat(GreSequence.isAfter(1, 0x80000002L)).isTrue();
    }

    @Test
    void numbersHalfTheSpaceApartAreUnordered() {
        // RFC 1982 3.2 leaves this case undefined; neither counts as after the other
        assertThat(GreSequence.isAfter(0x80000000L, 0)).isFalse();
        assertThat(GreSequence.isAfter(0, 0x80000000L)).isFalse();
        assertThat(GreSequence.max(0x80000000L, 0)).isEqualTo(0x80000000L);
    }

    @Test
    void maxPicksTheLaterAcrossTheWrap() {
        assertThat(GreSequence.max(MAX, 2)).isEqualTo(2);
        assertThat(GreSequence.max(2, MAX)).isEqualTo(2);
        assertThat(GreSequence.max(10, 3)).isEqualTo(10);
    }

    @Test
    void rejectsNumbersOutsideThirtyTwoBits() {
        assertThatThrownBy(() -> GreSequence.distance(-1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sequence number -1 is outside 0..0xFFFFFFFF");
        assertThatThrownBy(() -> GreSequence.next(1L << 32)).isInstanceOf(IllegalArgumentException.class);
    }
}
