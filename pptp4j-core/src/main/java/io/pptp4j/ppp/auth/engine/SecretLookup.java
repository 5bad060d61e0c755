package io.pptp4j.ppp.auth.engine;

import io.pptp4j.ppp.secrets.Secret;
import java.util.Optional;

/** Where authenticators find secrets: by the client's name and the server's (RFC 1994 8: per pair). */
@FunctionalInterface
public interface SecretLookup {
    Optional<Secret> find(String client, String server);
}
