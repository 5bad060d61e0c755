package io.pptp4j.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptp4j.wire.Bytes;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Cracker lines for the RFC 2759 9.2 example (user "User", password "clientPass"): the John the Ripper
 * MSCHAPv2 line has the order John's own format documents for this example (authenticator challenge,
 * NT-Response, peer challenge, user name), and the NetNTLMv1 lines carry the RFC's 8-octet Challenge.
 */
class HashLinesTest {
    private static final String AUTH = "5b5d7c7d7b3f2f3e3c2c602132262628";
    private static final String PEER = "21402324255e262a28295f2b3a337c7e";
    private static final String NT = "82309ecd8d708b5ea08faa3981cd83544233114a3d85d6df";
    private static final String CHALLENGE = "d02e4386bce91226";

    private static ChapHandshake rfc2759Example() {
        return new ChapHandshake(1, AuthKind.MS_CHAP_V2, "server", Bytes.of("User".getBytes(StandardCharsets.US_ASCII)),
                Bytes.fromHex(AUTH), Bytes.fromHex(PEER), Bytes.fromHex(NT), Bytes.EMPTY, 1, AuthOutcome.SUCCESS,
                Bytes.EMPTY, 1, 2, 3);
    }

    @Test
    void challengeHashIsTheRfcChallenge() {
        assertThat(rfc2759Example().desChallenge().hex()).isEqualTo(CHALLENGE);
    }

    @Test
    void hashcatLineIsNetNtlmV1WithEmptyDomainAndLm() {
        assertThat(HashLines.lines(rfc2759Example(), HashLines.Format.HASHCAT))
                .containsExactly("User::::" + NT + ":" + CHALLENGE);
    }

    @Test
    void johnLinesAreMsChapV2ThenNetNtlm() {
        assertThat(HashLines.lines(rfc2759Example(), HashLines.Format.JOHN)).containsExactly(
                "User:$MSCHAPv2$" + AUTH + "$" + NT + "$" + PEER + "$User",
                "User:$NETNTLM$" + CHALLENGE + "$" + NT);
    }

    @Test
    void chapMd5WithA16OctetChallengeIsHashcatMode4800() throws Exception {
        Bytes challenge = Bytes.fromHex("000102030405060708090a0b0c0d0e0f");
        // RFC 1994 4.1, computed here: MD5(Identifier || secret || Challenge)
        java.security.MessageDigest md5 = java.security.MessageDigest.getInstance("MD5");
        md5.update((byte) 7);
        md5.update("secret".getBytes(StandardCharsets.US_ASCII));
        md5.update(challenge.toArray());
        Bytes response = Bytes.of(md5.digest());
        ChapHandshake h = new ChapHandshake(1, AuthKind.CHAP_MD5, "s", Bytes.fromHex("41"), challenge, Bytes.EMPTY,
                response, Bytes.EMPTY, 7, AuthOutcome.SUCCESS, Bytes.EMPTY, 1, 2, 3);
        assertThat(HashLines.lines(h, HashLines.Format.HASHCAT))
                .containsExactly(response.hex() + ":000102030405060708090a0b0c0d0e0f:07");
        assertThat(HashLines.lines(h, HashLines.Format.JOHN)).isEmpty();
    }

    @Test
    void chapMd5WithAnotherChallengeLengthHasNoLine() {
        ChapHandshake md5 = new ChapHandshake(1, AuthKind.CHAP_MD5, "s", Bytes.fromHex("41"), Bytes.fromHex("00112233"),
                Bytes.EMPTY, Bytes.fromHex("00112233445566778899aabbccddeeff"), Bytes.EMPTY, 7, AuthOutcome.SUCCESS,
                Bytes.EMPTY, 1, 2, 3);
        assertThat(HashLines.lines(md5, HashLines.Format.HASHCAT)).isEmpty();
    }
}
