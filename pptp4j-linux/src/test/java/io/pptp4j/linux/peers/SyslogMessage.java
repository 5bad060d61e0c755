package io.pptp4j.linux.peers;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One message a peer sent to syslog, as glibc's syslog(3) writes it on /dev/log:
 * {@code <PRI>Mmm dd hh:mm:ss TAG[PID]: TEXT}, PRI being facility * 8 + severity (RFC 3164 4.1.1).
 *
 * @param facility the facility, e.g. 3 (daemon) for pptpd, 1 (user) for pptp
 * @param severity 0 (emergency) to 7 (debug)
 * @param tag the program name, e.g. {@code pptpd} (pptpctrl logs as pptpd too) or {@code pptp}
 * @param pid the process id, empty when the message had none
 * @param text the message, trailing line breaks removed
 */
public record SyslogMessage(int facility, int severity, String tag, OptionalLong pid, String text) {
    private static final Pattern FORMAT = Pattern.compile(
            "<(\\d{1,3})>(?:[A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d )?([^\\[:\\s]+)(?:\\[(\\d+)])?: ?(.*)",
            Pattern.DOTALL);

    public SyslogMessage {
        if (facility < 0 || facility > 23 || severity < 0 || severity > 7) {
            throw new IllegalArgumentException("facility " + facility + " or severity " + severity + " out of range");
        }
    }

    /** Parses what glibc sent; a line not in that format becomes tag "?" with the whole line as text. */
    public static SyslogMessage parse(String raw) {
        String line = raw.strip();
        Matcher m = FORMAT.matcher(line);
        if (!m.matches() || Integer.parseInt(m.group(1)) > 191) {
            return new SyslogMessage(1, 5, "?", OptionalLong.empty(), line);
        }
        int priority = Integer.parseInt(m.group(1));
        OptionalLong pid = m.group(3) == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(m.group(3)));
        return new SyslogMessage(priority / 8, priority % 8, m.group(2), pid, m.group(4).strip());
    }

    @Override
    public String toString() {
        return tag + (pid.isPresent() ? "[" + pid.getAsLong() + "]" : "") + " <" + severity + ">: " + text;
    }
}
