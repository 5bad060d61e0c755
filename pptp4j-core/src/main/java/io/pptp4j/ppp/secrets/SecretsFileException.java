package io.pptp4j.ppp.secrets;

import java.io.IOException;

/** A secrets file is missing or open to other users; the message names the file and says what to do. */
public final class SecretsFileException extends IOException {
    public SecretsFileException(String message) {
        super(message);
    }
}
