package io.pptp4j.linux.peers;

import java.net.Inet4Address;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@link PptpdPeer} writes into pptpd.conf (pptpd.conf(5)) and the options file.
 *
 * @param listenAddress {@code listen}: the address pptpd binds TCP 1723 to
 * @param pppProgram {@code ppp}: what pptpctrl runs in place of pppd (e.g. {@link EchoPppProgram#script()})
 * @param pppOptions the lines of the {@code option} file, which pptpctrl hands on as {@code file PATH}
 * @param stimeoutSeconds {@code stimeout}: how long pptpctrl waits for the first control message
 * @param noIpParam {@code noipparam}: leave {@code ipparam CLIENT} out of the ppp program's arguments
 * @param debug {@code debug}: pptpd and pptpctrl log at LOG_DEBUG too
 * @param localIp {@code localip}: handed on as the local half of {@code LOCAL:REMOTE}; nothing configures it
 * @param remoteIp {@code remoteip}: a range, e.g. {@code 203.0.113.240-249}; pptpd hands one to each call
 */
public record PptpdConfig(Inet4Address listenAddress, Path pppProgram, List<String> pppOptions, int stimeoutSeconds,
                          boolean noIpParam, boolean debug, String localIp, String remoteIp) {
    /** Documentation addresses (RFC 5737) that no topology here uses; pptpd would otherwise pick 192.168.0.1:192.168.1.1. */
    public static final String DEFAULT_LOCAL_IP = "203.0.113.250";
    public static final String DEFAULT_REMOTE_IP = "203.0.113.240-249";

    public PptpdConfig {
        pppOptions = List.copyOf(pppOptions);
        if (stimeoutSeconds < 1) {
            throw new IllegalArgumentException("stimeout " + stimeoutSeconds + " is below 1 s");
        }
        for (String line : pppOptions) {
            if (line.contains("\n")) {
                throw new IllegalArgumentException("option line holds a line break: " + line);
            }
        }
    }

    /** Listening on {@code listenAddress}, {@code pppProgram} as ppp, debug on, stimeout 10 s. */
    public static PptpdConfig of(Inet4Address listenAddress, Path pppProgram) {
        return new PptpdConfig(listenAddress, pppProgram, List.of("# read by the ppp program only"), 10, false, true,
                DEFAULT_LOCAL_IP, DEFAULT_REMOTE_IP);
    }

    public PptpdConfig withNoIpParam(boolean on) {
        return new PptpdConfig(listenAddress, pppProgram, pppOptions, stimeoutSeconds, on, debug, localIp, remoteIp);
    }

    /** The text of pptpd.conf, naming {@code optionFile}. No {@code logwtmp}: off. */
    public String pptpdConf(Path optionFile) {
        List<String> lines = new ArrayList<>();
        lines.add("# written by pptp4j's tests (io.pptp4j.linux.peers.PptpdPeer)");
        lines.add("ppp " + pppProgram.toAbsolutePath());
        lines.add("option " + optionFile.toAbsolutePath());
        lines.add("listen " + listenAddress.getHostAddress());
        lines.add("stimeout " + stimeoutSeconds);
        lines.add("localip " + localIp);
        lines.add("remoteip " + remoteIp);
        if (debug) {
            lines.add("debug");
        }
        if (noIpParam) {
            lines.add("noipparam");
        }
        return String.join("\n", lines) + "\n";
    }

    /** The text of the options file. */
    public String optionsFile() {
        return pppOptions.isEmpty() ? "" : String.join("\n", pppOptions) + "\n";
    }
}
