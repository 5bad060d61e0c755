package io.pptp4j.ppp.mschap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pptp4j.wire.Bytes;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** RFC 2759 section 9 examples and known answers from real MS-CHAP-V2 exchanges. */
class MsChapV2Test {
    // RFC 2759 9.2
    static final Bytes USER = ascii("User");
    static final char[] CLIENT_PASS = "clientPass".toCharArray();
    static final Bytes AUTH_CHALLENGE = Bytes.fromHex("5B5D7C7D7B3F2F3E3C2C602132262628");
    static final Bytes PEER_CHALLENGE = Bytes.fromHex("21402324255E262A28295F2B3A337C7E");
    static final Bytes NT_RESPONSE = Bytes.fromHex("82309ECD8D708B5EA08FAA3981CD83544233114A3D85D6DF");
    static final Bytes PASSWORD_HASH = Bytes.fromHex("44EBBA8D5312B8D611474411F56989AE");

    static Bytes ascii(String s) { return Bytes.of(s.getBytes(StandardCharsets.US_ASCII)); }

    @Test
    void rfc2759HashExample() {
        assertThat(MsChapV2.challengeHash(PEER_CHALLENGE, AUTH_CHALLENGE, USER)).isEqualTo(Bytes.fromHex("D02E4386BCE91226"));
        assertThat(MsChapV2.ntPasswordHash(CLIENT_PASS)).isEqualTo(PASSWORD_HASH);
        assertThat(MsChapV2.hashNtPasswordHash(PASSWORD_HASH)).isEqualTo(Bytes.fromHex("41C00C584BD2D91C4017A2A12FA59F3F"));
        assertThat(MsChapV2.generateNtResponse(AUTH_CHALLENGE, PEER_CHALLENGE, USER, CLIENT_PASS)).isEqualTo(NT_RESPONSE);
        Bytes s = MsChapV2.generateAuthenticatorResponse(CLIENT_PASS, NT_RESPONSE, PEER_CHALLENGE, AUTH_CHALLENGE, USER);
        assertThat(s).isEqualTo(Bytes.fromHex("407A5589115FD0D6209F510FE9C04566932CDA56"));
        assertThat(MsChapV2.checkAuthenticatorResponse(PASSWORD_HASH, NT_RESPONSE, PEER_CHALLENGE, AUTH_CHALLENGE, USER, s))
                .isTrue();
    }

    @Test
    void rfc2759DesKeyExample() {
        Bytes hash = MsChapV2.ntPasswordHash("MyPw".toCharArray());
        assertThat(hash).isEqualTo(Bytes.fromHex("FC156AF7EDCD6C0EDDE3337D427F4EAC"));
        assertThat(MsChapV2.expandDesKey(hash.slice(0, 7))).isEqualTo(Bytes.fromHex("FD0B5B5E7F6E34D9"));
        assertThat(MsChapV2.expandDesKey(hash.slice(7, 14))).isEqualTo(Bytes.fromHex("0E6E796737EA08FE"));
    }

    @Test
    void challengeHashIgnoresDomainPrefix() {
        assertThat(MsChapV2.challengeHash(PEER_CHALLENGE, AUTH_CHALLENGE, ascii("CORP\\User")))
                .isEqualTo(Bytes.fromHex("D02E4386BCE91226"));
        assertThat(MsChapV2.userNameWithoutDomain(ascii("a\\b\\User"))).isEqualTo(USER);
    }

    @Test
    void rejectsWrongAuthenticatorResponse() {
        Bytes wrong = Bytes.fromHex("407A5589115FD0D6209F510FE9C04566932CDA57");
        assertThat(MsChapV2.checkAuthenticatorResponse(PASSWORD_HASH, NT_RESPONSE, PEER_CHALLENGE, AUTH_CHALLENGE, USER, wrong))
                .isFalse();
        assertThat(MsChapV2.checkAuthenticatorResponse(PASSWORD_HASH, NT_RESPONSE, PEER_CHALLENGE, AUTH_CHALLENGE, USER,
                wrong.slice(0, 19))).isFalse();
    }

    @Test
    void checksNtResponse() {
        assertThat(MsChapV2.checkNtResponse(AUTH_CHALLENGE, PEER_CHALLENGE, USER, PASSWORD_HASH, NT_RESPONSE)).isTrue();
        assertThat(MsChapV2.checkNtResponse(AUTH_CHALLENGE, PEER_CHALLENGE, ascii("Other"), PASSWORD_HASH, NT_RESPONSE))
                .isFalse();
    }

    @Test
    void rejectsShortChallenge() {
        assertThatThrownBy(() -> MsChapV2.challengeHash(PEER_CHALLENGE, AUTH_CHALLENGE.slice(0, 8), USER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("AuthenticatorChallenge is 8 octets; it must be 16");
    }

    /** pptpcrack-windows-rras-session.pcap: Windows client "vpnuser" to RRAS WIN-9BAGS70V5IP. */
    @Test
    void windowsRrasExchange() {
        Bytes authChallenge = Bytes.fromHex("05b2f10bdc3d6c92b6cd160adee148b4");
        Bytes peerChallenge = Bytes.fromHex("789223b02a0cc515404bca2c696edcff");
        Bytes user = ascii("vpnuser");
        char[] password = "vpnuser123".toCharArray();
        Bytes hash = MsChapV2.ntPasswordHash(password);
        assertThat(hash).isEqualTo(Bytes.fromHex("39d855ea309489c05a213af753035537"));
        assertThat(MsChapV2.challengeHash(peerChallenge, authChallenge, user)).isEqualTo(Bytes.fromHex("e8dcbab9624c0064"));
        Bytes ntResponse = MsChapV2.generateNtResponse(authChallenge, peerChallenge, user, hash);
        assertThat(ntResponse).isEqualTo(Bytes.fromHex("8cd6161253eac63fa53cfc6f74692fd73b0768ca63d612f0"));
        assertThat(MsChapV2.generateAuthenticatorResponse(hash, ntResponse, peerChallenge, authChallenge, user))
                .isEqualTo(Bytes.fromHex("974E79C350CC7DC53FBC5F3A114C63B1EFA16E19"));
        assertThat(MppeKeys.getMasterKey(MsChapV2.hashNtPasswordHash(hash), ntResponse))
                .isEqualTo(Bytes.fromHex("f3c4e5896e1da799567075738bac82c2"));
    }

    /** chapcrack-mschapv2-only.pcap: pptp-linux client "moxie" to pptpd. */
    @Test
    void pptpLinuxToPptpdExchange() {
        Bytes authChallenge = Bytes.fromHex("258d4fc024f111512d0b61f9c375aee1");
        Bytes peerChallenge = Bytes.fromHex("abfe01e6c759850155b4d8d6258cdb67");
        Bytes user = ascii("moxie");
        Bytes hash = MsChapV2.ntPasswordHash("bPCFyF2uL1p5Lg5yrKmqmY".toCharArray());
        Bytes ntResponse = MsChapV2.generateNtResponse(authChallenge, peerChallenge, user, hash);
        assertThat(ntResponse).isEqualTo(Bytes.fromHex("1c93abce815400686baeca315f348469256420598a73ad49"));
        assertThat(MsChapV2.generateAuthenticatorResponse(hash, ntResponse, peerChallenge, authChallenge, user))
                .isEqualTo(Bytes.fromHex("54644F81E5F18C0EE9E26776495D6BC7ADDFB767"));
        assertThat(MppeKeys.getMasterKey(MsChapV2.hashNtPasswordHash(hash), ntResponse))
                .isEqualTo(Bytes.fromHex("96c0d29ffe9e030a8c4db24d5e5c5902"));
    }
}
