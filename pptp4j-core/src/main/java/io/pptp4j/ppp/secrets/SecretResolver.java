package io.pptp4j.ppp.secrets;

import java.io.IOException;

/**
 * Reads the file named by an indirect secret {@code @/path} (pppd(8), "AUTHENTICATION"): the secret is
 * the first word of that file. {@link SecretsFile#resolver()} reads real files with the permission check.
 */
@FunctionalInterface
public interface SecretResolver {
    /** Refuses every indirect secret. */
    SecretResolver NONE = path -> {
        throw new IOException(path + ": indirect secrets are not allowed here");
    };

    /** The text of the file {@code path}; the exception message names the file and says what is wrong. */
    String read(String path) throws IOException;
}
