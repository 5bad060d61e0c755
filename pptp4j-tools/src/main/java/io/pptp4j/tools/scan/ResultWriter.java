package io.pptp4j.tools.scan;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pptp4j.control.ControlMessage.StartControlConnectionReply;
import io.pptp4j.scan.Finding;
import io.pptp4j.scan.ScanResult;
import java.io.PrintWriter;

/**
 * Writes scan results in one output format, one at a time as they come (SARIF, a single document,
 * keeps the hosts with findings and writes at {@link #end()}). Not thread-safe: the caller serialises.
 */
public sealed interface ResultWriter permits JsonlResultWriter, CsvResultWriter, SarifResultWriter, TableResultWriter {

    void begin();

    void write(ScanResult r);

    /** Writes what must come last; called once, also after an interruption. */
    void end();

    /** The formats of {@code -o}. */
    enum Format { TABLE, JSONL, CSV, SARIF }

    static ResultWriter of(Format format, PrintWriter out, String toolVersion) {
        return switch (format) {
            case TABLE -> new TableResultWriter(out);
            case JSONL -> new JsonlResultWriter(out);
            case CSV -> new CsvResultWriter(out);
            case SARIF -> new SarifResultWriter(out, toolVersion);
        };
    }

    /**
     * One host as JSON, with the stable names of {@code -o jsonl}: every name is always there (null when
     * it does not apply); {@code first_bytes} (hex), {@code error} and {@code target} (the host name it
     * was given as) are added when they apply.
     */
    static ObjectNode json(ScanResult r) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("ip", r.target().ip());
        o.put("port", r.target().port());
        o.put("status", r.status().label());
        if (r.rttMillis() != null) o.put("rtt_ms", r.rttMillis()); else o.putNull("rtt_ms");
        StartControlConnectionReply s = r.reply();
        if (s != null) {
            o.put("protocol_version", s.protocolVersion());
            o.put("result_code", s.resultCode());
            o.put("error_code", s.errorCode());
            o.put("framing", s.framingCapabilities());
            o.put("bearer", s.bearerCapabilities());
            o.put("max_channels", s.maximumChannels());
            o.put("firmware_revision", s.firmwareRevision());
            o.put("hostname", s.hostName());
            o.put("vendor", s.vendorString());
        } else {
            for (String k : new String[] {"protocol_version", "result_code", "error_code", "framing", "bearer", "max_channels",
                    "firmware_revision", "hostname", "vendor"}) {
                o.putNull(k);
            }
        }
        if (r.fingerprint() != null) {
            ObjectNode f = o.putObject("fingerprint");
            f.put("product", r.fingerprint().product());
            f.put("os", r.fingerprint().os());
            f.put("confidence", r.fingerprint().confidence().label());
            f.put("rule", r.fingerprint().ruleId());
            if (r.fingerprint().endOfLife() != null) f.put("end_of_life", r.fingerprint().endOfLife());
        } else {
            o.putNull("fingerprint");
        }
        ArrayNode findings = o.putArray("findings");
        for (Finding f : r.findings()) {
            ObjectNode n = findings.addObject();
            n.put("id", f.id());
            n.put("severity", f.severity().label());
            n.put("title", f.title());
            n.put("evidence", f.evidence());
            n.put("remediation", f.remediation());
        }
        if (r.firstBytes() != null) o.put("first_bytes", r.firstBytes().hex());
        if (r.error() != null) o.put("error", r.error());
        if (r.target().hostName() != null) o.put("target", r.target().hostName());
        return o;
    }
}
