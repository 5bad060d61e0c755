package io.pptp4j.tools.scan;

import io.pptp4j.control.Bearer;
import io.pptp4j.control.Framing;
import io.pptp4j.scan.Finding;
import io.pptp4j.scan.ScanResult;
import io.pptp4j.scan.ScanStatus;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The default output: a row per target (closed and filtered targets only as counts in the summary,
 * unless they are all there is to say about a single target), then under each PPTP host its findings.
 */
public final class TableResultWriter implements ResultWriter {
    private static final String ROW = "%-39s %5s  %-8s %8s  %-20s %-16s %6s  %s%n";
    private final PrintWriter out;
    private boolean any;

    TableResultWriter(PrintWriter out) { this.out = out; }

    @Override
    public void begin() { }

    @Override
    public void write(ScanResult r) {
        if (r.status() == ScanStatus.CLOSED || r.status() == ScanStatus.FILTERED) return;
        if (!any) {
            out.printf(ROW, "HOST", "PORT", "STATUS", "RTT ms", "VENDOR", "HOST NAME", "FW", "PRODUCT");
            any = true;
        }
        var s = r.reply();
        String product;
        if (r.fingerprint() != null) {
            product = r.fingerprint().product() + (r.fingerprint().os() != null ? " / " + r.fingerprint().os() : "")
                    + " (" + r.fingerprint().confidence().label() + ")";
        } else if (r.status() == ScanStatus.NOT_PPTP) {
            product = r.error() + (r.firstBytes() != null && r.firstBytes().length() > 0 ? ": " + printable(r.firstBytes().toArray()) : "");
        } else {
            product = r.error() != null ? r.error() : s != null ? "(unknown product)" : "";
        }
        out.printf(ROW, cut(r.target().ip(), 39), r.target().port(), r.status().label(),
                r.rttMillis() == null ? "-" : String.format("%.1f", r.rttMillis()),
                s == null ? "" : cut(quoted(s.vendorString()), 20), s == null ? "" : cut(quoted(s.hostName()), 16),
                s == null ? "" : Integer.toString(s.firmwareRevision()), product);
        if (s != null) {
            out.printf("    version %s, result %d, error %d, framing %s, bearer %s, max channels %d%n",
                    io.pptp4j.wire.Hex.u16(s.protocolVersion()), s.resultCode(), s.errorCode(),
                    Framing.describe(s.framingCapabilities()), Bearer.describe(s.bearerCapabilities()), s.maximumChannels());
        }
        for (Finding f : r.findings()) {
            out.printf("    %-8s %s: %s%n", f.severity().label().toUpperCase(java.util.Locale.ROOT), f.id(), f.evidence());
        }
    }

    @Override
    public void end() { out.flush(); }

    private static String quoted(String s) { return '"' + s + '"'; }

    private static String cut(String s, int width) { return s.length() <= width ? s : s.substring(0, width - 1) + "~"; }

    /** The first bytes as text, non-printable ones as dots, for a glance at what the service is. */
    static String printable(byte[] b) {
        StringBuilder sb = new StringBuilder("\"");
        String text = new String(b, StandardCharsets.ISO_8859_1);
        for (int i = 0; i < text.length() && i < 40; i++) {
            char c = text.charAt(i);
            sb.append(c >= 0x20 && c < 0x7F ? c : c == '\r' ? "\\r" : c == '\n' ? "\\n" : ".");
        }
        return sb.append(b.length > 40 ? "...\"" : "\"").toString();
    }
}
