package io.pptp4j.ppp.secrets;

import io.pptp4j.ppp.options.Position;
import java.util.Objects;

/**
 * One line of a secrets file: {@code client server secret [addresses...]}. A client or server of
 * {@code *} is a wildcard. The secret prints redacted.
 */
public record SecretEntry(String client, String server, Secret secret, AddressList addresses, Position position) {
    public SecretEntry {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(addresses, "addresses");
        Objects.requireNonNull(position, "position");
    }

    public boolean clientIsWildcard() {
        return client.equals("*");
    }

    public boolean serverIsWildcard() {
        return server.equals("*");
    }
}
