package io.pptp4j.linux.peers;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How {@link PptpLinuxPeer} runs pptp-linux's {@code pptp}.
 *
 * @param server the PAC to call
 * @param logLevel {@code --loglevel}: 0 low, 1 default, 2 high (each control message logged)
 * @param noBuffer {@code --nobuffer}: hand GRE payloads on at once, no reordering buffer
 * @param localBind {@code --localbind}: the local address of the control connection and GRE
 * @param extraArguments more pptp options, after the others
 */
public record PptpLinuxOptions(Inet4Address server, int logLevel, boolean noBuffer, Optional<Inet4Address> localBind,
                               List<String> extraArguments) {
    public PptpLinuxOptions {
        extraArguments = List.copyOf(extraArguments);
        if (logLevel < 0 || logLevel > 2) {
            throw new IllegalArgumentException("log level " + logLevel + " is not 0, 1 or 2");
        }
    }

    /** Calling {@code server}, log level 2, no buffering. */
    public static PptpLinuxOptions of(Inet4Address server) {
        return new PptpLinuxOptions(server, 2, true, Optional.empty(), List.of());
    }

    public PptpLinuxOptions withLocalBind(Inet4Address address) {
        return new PptpLinuxOptions(server, logLevel, noBuffer, Optional.of(address), extraArguments);
    }

    /**
     * {@code pptp SERVER --nolaunchpppd --loglevel N [--nobuffer] --nohostroute [--localbind A] EXTRA...}.
     * {@code --nohostroute}: pptp would otherwise run {@code ip route replace SERVER via ...} in the
     * namespace, which the topologies here do not need.
     */
    public List<String> command() {
        List<String> c = new ArrayList<>(List.of("pptp", server.getHostAddress(), "--nolaunchpppd",
                "--loglevel", Integer.toString(logLevel)));
        if (noBuffer) {
            c.add("--nobuffer");
        }
        c.add("--nohostroute");
        localBind.ifPresent(a -> {
            c.add("--localbind");
            c.add(a.getHostAddress());
        });
        c.addAll(extraArguments);
        return c;
    }
}
