package io.pptp4j.ppp.mschap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pptp4j.wire.Bytes;
import org.junit.jupiter.api.Test;

/** RFC 2433 appendix B and RFC 3079 2.5 examples. */
class MsChapV1Test {
    static final Bytes CHALLENGE = Bytes.fromHex("102DB5DF085D3041");
    static final char[] MY_PW = "MyPw".toCharArray();

    @Test
    void rfc2433HashExample() {
        assertThat(MsChapV1.ntChallengeResponse(CHALLENGE, MY_PW))
                .isEqualTo(Bytes.fromHex("4E9D3C8F9CFD385D5BF4D3246791956CA4C351AB409A3D61"));
    }

    /** The LM values of the 1997 MS-CHAP memo (TEST-VECTORS.txt B), not in RFC 2433 itself. */
    @Test
    void lmHashAndResponse() {
        assertThat(MsChapV1.lmPasswordHash(MY_PW)).isEqualTo(Bytes.fromHex("75BA30198E6D1975AAD3B435B51404EE"));
        assertThat(MsChapV1.lmPasswordHash("mypw".toCharArray())).isEqualTo(Bytes.fromHex("75BA30198E6D1975AAD3B435B51404EE"));
        assertThat(MsChapV1.lmChallengeResponse(CHALLENGE, MY_PW))
                .isEqualTo(Bytes.fromHex("91881D0152AB0C33C524135EC24A95EE64E23CDC2D33347D"));
    }

    @Test
    void rejectsLmPasswordOverFourteenCharacters() {
        assertThatThrownBy(() -> MsChapV1.lmPasswordHash("123456789012345".toCharArray()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an LM password is at most 14 characters; this one has 15");
    }

    @Test
    void rfc3079FortyBitKey() {
        Bytes lm = MsChapV1.lmPasswordHash("clientPass".toCharArray());
        assertThat(lm).isEqualTo(Bytes.fromHex("76a152936096d7830e2390227404afd2"));
        Bytes start = MsChapV1.mppeStartKeyFromLm(lm);
        assertThat(MppeKeys.getNewKeyFromSha(start, start)).isEqualTo(Bytes.fromHex("d80801538cec4a08"));
        assertThat(MppeKeys.initialSessionKey(start, 40)).isEqualTo(Bytes.fromHex("d1269e538cec4a08"));
        assertThat(MppeKeys.initialSessionKey(start, 56)).isEqualTo(Bytes.fromHex("d10801538cec4a08"));
        MppeSessionKeys keys = MppeSessionKeys.fromMsChapV1("clientPass".toCharArray(), CHALLENGE, 40);
        assertThat(keys.sendKey()).isEqualTo(start);
        assertThat(keys.receiveKey()).isEqualTo(start);
    }

    /** RFC 3079 2.5.3; step 3 is printed as ...acca d1..., but the computed start key is ...acc1 d1... */
    @Test
    void rfc3079OneHundredTwentyEightBitKey() {
        Bytes hashHash = MsChapV2.hashNtPasswordHash(MsChapV2.ntPasswordHash("clientPass".toCharArray()));
        assertThat(hashHash).isEqualTo(Bytes.fromHex("41c00c584bd2d91c4017a2a12fa59f3f"));
        Bytes start = MsChapV1.mppeStartKeyFromNt(CHALLENGE, hashHash);
        assertThat(start).isEqualTo(Bytes.fromHex("a8947850cfc0acc1d1789fb62ddcddb0"));
        assertThat(MppeKeys.initialSessionKey(start, 128)).isEqualTo(Bytes.fromHex("59d159bc09f76f1da2a86a28ffec0b1e"));
        assertThat(MppeSessionKeys.fromMsChapV1("clientPass".toCharArray(), CHALLENGE, 128))
                .isEqualTo(MppeSessionKeys.fromMsChapV1Nt(hashHash, CHALLENGE));
    }
}
