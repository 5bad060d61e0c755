package io.pptp4j.tools.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptp4j.ppp.mschap.MsChapV2;
import io.pptp4j.wire.Bytes;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** The dictionary attack's fast check agrees with the RFC 2759 8.5 ChallengeResponse of the library. */
class NtResponseCheckerTest {

    @Test
    void findsTheRrasPasswordFromTheChallengeHash() {
        // shared/captures/README.md: ChallengeHash and NT-Response of the RRAS capture, password vpnuser123
        NtResponseChecker c = new NtResponseChecker(List.of(Bytes.fromHex("e8dcbab9624c0064")),
                List.of(Bytes.fromHex("8cd6161253eac63fa53cfc6f74692fd73b0768ca63d612f0")));
        c.hash("vpnuser124");
        assertThat(c.matches(0)).isFalse();
        c.hash("vpnuser123");
        assertThat(c.matches(0)).isTrue();
    }

    @Property(tries = 200)
    void agreesWithChallengeResponse(@ForAll @StringLength(max = 40) String password, @ForAll @StringLength(max = 40) String other) {
        Bytes challenge = Bytes.fromHex("0123456789abcdef");
        Bytes response = MsChapV2.challengeResponse(challenge, MsChapV2.ntPasswordHash(password.toCharArray()));
        NtResponseChecker c = new NtResponseChecker(List.of(challenge), List.of(response));
        c.hash(password);
        assertThat(c.matches(0)).isTrue();
        c.hash(other);
        assertThat(c.matches(0)).isEqualTo(MsChapV2.ntPasswordHash(other.toCharArray())
                .equals(MsChapV2.ntPasswordHash(password.toCharArray())));
    }
}
