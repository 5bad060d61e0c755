package io.pptp4j.ppp.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SecretTest {
    @Test
    void toStringIsRedacted() {
        assertThat(Secret.of("hunter2").toString()).isEqualTo("Secret[redacted]");
    }

    @Test
    void handsOutCopies() {
        Secret secret = Secret.of("pw");
        char[] chars = secret.chars();
        chars[0] = 'X';
        assertThat(secret.chars()).containsExactly('p', 'w');
        byte[] utf8 = secret.utf8();
        utf8[0] = 0;
        assertThat(secret.utf8()).containsExactly('p', 'w');
    }

    @Test
    void matchesComparesUtf8() {
        Secret secret = Secret.of("pässword");
        assertThat(secret.matches("pässword".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(secret.matches("passwort".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(secret.matches(new byte[0])).isFalse();
    }

    @Test
    void utf16leForMschap() {
        assertThat(Secret.of("Aé").utf16le()).containsExactly(0x41, 0x00, 0xE9, 0x00);
    }
}
