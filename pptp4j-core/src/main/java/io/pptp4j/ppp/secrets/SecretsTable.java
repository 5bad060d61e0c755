package io.pptp4j.ppp.secrets;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The entries of a secrets file, in file order, and how client names with a domain are matched.
 *
 * <p>{@link #find} follows pppd's {@code scan_authfile}: an entry is a candidate if its client is the
 * client name or {@code *} and its server is the server name or {@code *}; the best candidate is the one
 * with the fewest wildcards, and between one wildcard each, an exact client with a {@code *} server beats
 * a {@code *} client with an exact server. Among equally good candidates the first in the file wins.
 * Names are compared case-sensitively.
 */
public record SecretsTable(List<SecretEntry> entries, DomainMatching domainMatching) {
    public SecretsTable {
        entries = List.copyOf(entries);
        Objects.requireNonNull(domainMatching, "domainMatching");
    }

    public SecretsTable withDomainMatching(DomainMatching matching) {
        return new SecretsTable(entries, matching);
    }

    /** The entry for {@code client} authenticating to {@code server}, or empty. */
    public Optional<SecretEntry> find(String client, String server) {
        Optional<SecretEntry> found = best(client, server);
        int backslash = client.indexOf('\\');
        if (found.isEmpty() && domainMatching == DomainMatching.STRIP_DOMAIN && backslash >= 0) {
            found = best(client.substring(backslash + 1), server);
        }
        return found;
    }

    private Optional<SecretEntry> best(String client, String server) {
        SecretEntry best = null;
        int bestScore = -1;
        for (SecretEntry entry : entries) {
            if (!entry.clientIsWildcard() && !entry.client().equals(client)) {
                continue;
            }
            if (!entry.serverIsWildcard() && !entry.server().equals(server)) {
                continue;
            }
            int score = (entry.clientIsWildcard() ? 0 : 2) + (entry.serverIsWildcard() ? 0 : 1);
            if (score > bestScore) {
                best = entry;
                bestScore = score;
            }
        }
        return Optional.ofNullable(best);
    }
}
