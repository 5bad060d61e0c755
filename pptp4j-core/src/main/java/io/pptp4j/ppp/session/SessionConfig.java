package io.pptp4j.ppp.session;

import io.pptp4j.ppp.auth.engine.ChapPeer;
import io.pptp4j.ppp.auth.engine.SecretLookup;
import io.pptp4j.ppp.fsm.AutomatonConfig;
import io.pptp4j.ppp.fsm.ccp.MppeConfig;
import io.pptp4j.ppp.fsm.ipcp.IpcpConfig;
import io.pptp4j.ppp.fsm.lcp.LcpConfig;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Everything a {@link PppSession} needs.
 *
 * @param role server (authenticator) or client (authenticated peer)
 * @param lcp LCP options, including the authentication protocols allowed
 * @param ipcp IPCP addresses and name servers
 * @param mppe the MPPE policy; empty: no CCP at all (a peer's CCP is Protocol-Rejected)
 * @param automaton restart timer and counters, for every automaton and the authentication engines
 * @param localName our name: the authenticator's name in CHAP Challenges and secret look-ups
 * @param secrets where the authenticator finds passwords; empty on a client
 * @param userName the name we authenticate as; empty on a server
 * @param password our password (copied; never shown by toString)
 * @param retryPrompt what the MS-CHAP peer does after a retryable Failure
 * @param allowPap whether PAP (the password in clear) is accepted by the authenticator even if LCP agreed it
 * @param keepaliveInterval LCP Echo-Request interval for dead-peer detection; empty: off
 * @param keepaliveMaxFailures Echo-Requests in a row without reply before the peer is declared dead
 * @param secureRandom challenges and MS-CHAP-V2 peer challenges
 * @param random Magic-Numbers and identifiers
 */
public record SessionConfig(Role role, LcpConfig lcp, IpcpConfig ipcp, Optional<MppeConfig> mppe, AutomatonConfig automaton,
                            String localName, Optional<SecretLookup> secrets, Optional<String> userName, char[] password,
                            ChapPeer.RetryPrompt retryPrompt, boolean allowPap, Optional<Duration> keepaliveInterval,
                            int keepaliveMaxFailures, SecureRandom secureRandom, RandomGenerator random) {

    public SessionConfig {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(lcp, "lcp");
        Objects.requireNonNull(ipcp, "ipcp");
        Objects.requireNonNull(mppe, "mppe");
        Objects.requireNonNull(automaton, "automaton");
        Objects.requireNonNull(localName, "localName");
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(userName, "userName");
        password = Objects.requireNonNull(password, "password").clone();
        Objects.requireNonNull(retryPrompt, "retryPrompt");
        Objects.requireNonNull(keepaliveInterval, "keepaliveInterval");
        Objects.requireNonNull(secureRandom, "secureRandom");
        Objects.requireNonNull(random, "random");
        if (keepaliveMaxFailures < 1) {
            throw new IllegalArgumentException("keepaliveMaxFailures " + keepaliveMaxFailures + " must be at least 1");
        }
        if (role == Role.SERVER && lcp.authenticatePeer() && secrets.isEmpty()) {
            throw new IllegalArgumentException("a server that authenticates its peer needs a SecretLookup");
        }
    }

    /** A secure-default PPTP server: MS-CHAP-V2 only, 128-bit stateless MPPE required, no PAP, no keepalive. */
    public static SessionConfig server(String name, SecretLookup secrets, IpcpConfig ipcp, SecureRandom secureRandom,
                                       RandomGenerator random) {
        return new SessionConfig(Role.SERVER, LcpConfig.pptpServer(), ipcp, Optional.of(MppeConfig.DEFAULT),
                AutomatonConfig.DEFAULT, name, Optional.of(secrets), Optional.empty(), new char[0], ChapPeer.RetryPrompt.NEVER,
                false, Optional.empty(), 5, secureRandom, random);
    }

    /** A PPTP client: MS-CHAP-V2, 128-bit stateless MPPE required, asks for its address and DNS. */
    public static SessionConfig client(String userName, char[] password, SecureRandom secureRandom, RandomGenerator random) {
        return new SessionConfig(Role.CLIENT, LcpConfig.pptpClient(), IpcpConfig.client(true, false),
                Optional.of(MppeConfig.DEFAULT), AutomatonConfig.DEFAULT, userName, Optional.empty(), Optional.of(userName),
                password, ChapPeer.RetryPrompt.NEVER, false, Optional.empty(), 5, secureRandom, random);
    }

    /** A copy of the password; the caller may clear it. */
    @Override
    public char[] password() { return password.clone(); }

    public SessionConfig withLcp(LcpConfig newLcp) {
        return new SessionConfig(role, newLcp, ipcp, mppe, automaton, localName, secrets, userName, password, retryPrompt,
                allowPap, keepaliveInterval, keepaliveMaxFailures, secureRandom, random);
    }

    public SessionConfig withMppe(Optional<MppeConfig> newMppe) {
        return new SessionConfig(role, lcp, ipcp, newMppe, automaton, localName, secrets, userName, password, retryPrompt,
                allowPap, keepaliveInterval, keepaliveMaxFailures, secureRandom, random);
    }

    public SessionConfig withAutomaton(AutomatonConfig newAutomaton) {
        return new SessionConfig(role, lcp, ipcp, mppe, newAutomaton, localName, secrets, userName, password, retryPrompt,
                allowPap, keepaliveInterval, keepaliveMaxFailures, secureRandom, random);
    }

    public SessionConfig withAllowPap(boolean allow) {
        return new SessionConfig(role, lcp, ipcp, mppe, automaton, localName, secrets, userName, password, retryPrompt,
                allow, keepaliveInterval, keepaliveMaxFailures, secureRandom, random);
    }

    public SessionConfig withKeepalive(Duration interval, int maxFailures) {
        return new SessionConfig(role, lcp, ipcp, mppe, automaton, localName, secrets, userName, password, retryPrompt,
                allowPap, Optional.of(interval), maxFailures, secureRandom, random);
    }

    public SessionConfig withRetryPrompt(ChapPeer.RetryPrompt prompt) {
        return new SessionConfig(role, lcp, ipcp, mppe, automaton, localName, secrets, userName, password, prompt,
                allowPap, keepaliveInterval, keepaliveMaxFailures, secureRandom, random);
    }

    @Override
    public boolean equals(Object o) { return this == o; }

    @Override
    public int hashCode() { return System.identityHashCode(this); }

    @Override
    public String toString() {
        return "SessionConfig[" + role + ", " + localName + ", user=" + userName.orElse("-") + ", password=<redacted>, mppe="
                + mppe + ", allowPap=" + allowPap + "]";
    }
}
