package io.pptp4j.ppp.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pptp4j.wire.Bytes;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ChapValueSizesTest {
    static ChapPacket.Challenge challenge(int size) {
        return new ChapPacket.Challenge(1, Bytes.of(new byte[size]), Bytes.EMPTY);
    }

    @Test
    void knowsChallengeSizesPerAlgorithm() {
        assertThat(ChapValueSizes.challengeSize(ChapValueSizes.MS_CHAP)).isEqualTo(OptionalInt.of(8));
        assertThat(ChapValueSizes.challengeSize(ChapValueSizes.MS_CHAP_V2)).isEqualTo(OptionalInt.of(16));
        assertThat(ChapValueSizes.challengeSize(ChapValueSizes.MD5)).isEmpty();
        assertThat(ChapValueSizes.responseSize(ChapValueSizes.MD5)).isEqualTo(16);
        assertThat(ChapValueSizes.responseSize(0x80)).isEqualTo(49);
    }

    @Test
    void acceptsChallengesOfTheAlgorithmsSize() throws Exception {
        assertThat(ChapValueSizes.checkChallenge(challenge(8), ChapValueSizes.MS_CHAP).length()).isEqualTo(8);
        assertThat(ChapValueSizes.checkChallenge(challenge(16), ChapValueSizes.MS_CHAP_V2).length()).isEqualTo(16);
        assertThat(ChapValueSizes.checkChallenge(challenge(27), ChapValueSizes.MD5).length()).isEqualTo(27);
    }

    @Test
    void rejectsMsChapV1SizedChallengeForMsChapV2() {
        assertThatThrownBy(() -> ChapValueSizes.checkChallenge(challenge(8), ChapValueSizes.MS_CHAP_V2))
                .hasMessage("CHAP Challenge: Value-Size at offset 4: expected 16 for MS-CHAP-V2, found 8");
        assertThatThrownBy(() -> ChapValueSizes.checkChallenge(challenge(16), ChapValueSizes.MS_CHAP))
                .hasMessage("CHAP Challenge: Value-Size at offset 4: expected 8 for MS-CHAP, found 16");
        assertThatThrownBy(() -> ChapValueSizes.checkChallenge(challenge(0), ChapValueSizes.MD5))
                .hasMessage("CHAP Challenge: Value-Size at offset 4: expected at least 1 for MD5, found 0");
    }

    @Test
    void rejectsUnknownAlgorithm() {
        assertThatThrownBy(() -> ChapValueSizes.challengeSize(0x06)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CHAP algorithm 0x06 is not MD5 (0x05), MS-CHAP (0x80) or MS-CHAP-V2 (0x81)");
    }
}
