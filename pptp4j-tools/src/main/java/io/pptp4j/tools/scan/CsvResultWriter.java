package io.pptp4j.tools.scan;

import io.pptp4j.scan.Finding;
import io.pptp4j.scan.ScanResult;
import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code -o csv}: RFC 4180 (comma, double-quote quoting, CRLF), a header line, one row per target, the
 * JSON names with the fingerprint flattened and the finding ids joined by {@code ;}.
 */
public final class CsvResultWriter implements ResultWriter {
    static final List<String> COLUMNS = List.of("ip", "port", "status", "rtt_ms", "protocol_version", "result_code", "error_code",
            "framing", "bearer", "max_channels", "firmware_revision", "hostname", "vendor", "product", "os", "confidence",
            "findings", "first_bytes", "error");
    private final PrintWriter out;

    CsvResultWriter(PrintWriter out) { this.out = out; }

    @Override
    public void begin() { row(COLUMNS); }

    @Override
    public void write(ScanResult r) {
        var s = r.reply();
        var f = r.fingerprint();
        row(java.util.Arrays.asList(r.target().ip(), Integer.toString(r.target().port()), r.status().label(),
                r.rttMillis() == null ? "" : Double.toString(r.rttMillis()),
                s == null ? "" : Integer.toString(s.protocolVersion()), s == null ? "" : Integer.toString(s.resultCode()),
                s == null ? "" : Integer.toString(s.errorCode()), s == null ? "" : Long.toString(s.framingCapabilities()),
                s == null ? "" : Long.toString(s.bearerCapabilities()), s == null ? "" : Integer.toString(s.maximumChannels()),
                s == null ? "" : Integer.toString(s.firmwareRevision()), s == null ? "" : s.hostName(), s == null ? "" : s.vendorString(),
                f == null ? "" : f.product(), f == null || f.os() == null ? "" : f.os(), f == null ? "" : f.confidence().label(),
                r.findings().stream().map(Finding::id).collect(Collectors.joining(";")),
                r.firstBytes() == null ? "" : r.firstBytes().hex(), r.error() == null ? "" : r.error()));
    }

    @Override
    public void end() { out.flush(); }

    private void row(List<String> cells) {
        out.print(cells.stream().map(CsvResultWriter::cell).collect(Collectors.joining(",")));
        out.print("\r\n");
    }

    static String cell(String v) {
        if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\n') < 0 && v.indexOf('\r') < 0) return v;
        return '"' + v.replace("\"", "\"\"") + '"';
    }
}
