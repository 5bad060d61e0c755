package io.pptp4j.inspect;

import java.util.List;

/**
 * The passwords to try for a user name, for verifying handshakes and decrypting (a password file,
 * an environment variable, a chap-secrets file). The default has none.
 */
@FunctionalInterface
public interface PasswordSource {
    PasswordSource NONE = (user, authenticator) -> List.of();

    /** Candidates for {@code user} when {@code authenticator} (the Challenge's Name) asks. */
    List<String> passwords(String user, String authenticator);
}
