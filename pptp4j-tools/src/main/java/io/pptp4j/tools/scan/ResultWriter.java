package io.pptp4j.tools.scan;

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
    static String jsonLine(ScanResult r) {
        java.io.StringWriter s = new java.io.StringWriter(256);
        try (com.fasterxml.jackson.core.JsonGenerator g = JsonlResultWriter.FACTORY.createGenerator(s)) {
            writeJson(r, g);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return s.toString();
    }

    /** {@link #jsonLine} into a streaming generator (a scan writes one per target). */
    static void writeJson(ScanResult r, com.fasterxml.jackson.core.JsonGenerator g) throws java.io.IOException {
        g.writeStartObject();
        writeFields(r, g);
        g.writeEndObject();
    }

    /** The fields of {@link #writeJson}, inside an object the caller opened (probe adds its own after them). */
    static void writeFields(ScanResult r, com.fasterxml.jackson.core.JsonGenerator g) throws java.io.IOException {
        writeTargetFields(r, g);
        writeReplyFields(r, g);
        writeLastFields(r, g);
    }

    /** The fields about the target itself: {@code ip}, {@code port}, {@code status}, {@code rtt_ms}. */
    static void writeTargetFields(ScanResult r, com.fasterxml.jackson.core.JsonGenerator g) throws java.io.IOException {
        g.writeStringField("ip", r.target().ip());
        g.writeNumberField("port", r.target().port());
        g.writeStringField("status", r.status().label());
        g.writeFieldName("rtt_ms");
        if (r.rttMillis() != null) g.writeNumber(r.rttMillis()); else g.writeNull();
    }

    /**
     * The fields that follow from the reply, the fingerprint and the findings alone (a scan meets the same
     * ones host after host): from {@code protocol_version} to {@code findings}.
     */
    static void writeReplyFields(ScanResult r, com.fasterxml.jackson.core.JsonGenerator g) throws java.io.IOException {
        StartControlConnectionReply s = r.reply();
        if (s != null) {
            g.writeNumberField("protocol_version", s.protocolVersion());
            g.writeNumberField("result_code", s.resultCode());
            g.writeNumberField("error_code", s.errorCode());
            g.writeNumberField("framing", s.framingCapabilities());
            g.writeNumberField("bearer", s.bearerCapabilities());
            g.writeNumberField("max_channels", s.maximumChannels());
            g.writeNumberField("firmware_revision", s.firmwareRevision());
            g.writeStringField("hostname", s.hostName());
            g.writeStringField("vendor", s.vendorString());
        } else {
            for (String k : REPLY_FIELDS) g.writeNullField(k);
        }
        if (r.fingerprint() != null) {
            g.writeObjectFieldStart("fingerprint");
            g.writeStringField("product", r.fingerprint().product());
            g.writeStringField("os", r.fingerprint().os());
            g.writeStringField("confidence", r.fingerprint().confidence().label());
            g.writeStringField("rule", r.fingerprint().ruleId());
            if (r.fingerprint().endOfLife() != null) g.writeStringField("end_of_life", r.fingerprint().endOfLife());
            g.writeEndObject();
        } else {
            g.writeNullField("fingerprint");
        }
        g.writeArrayFieldStart("findings");
        for (Finding f : r.findings()) {
            g.writeStartObject();
            g.writeStringField("id", f.id());
            g.writeStringField("severity", f.severity().label());
            g.writeStringField("title", f.title());
            g.writeStringField("evidence", f.evidence());
            g.writeStringField("remediation", f.remediation());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** The fields added when they apply: {@code first_bytes}, {@code error}, {@code target}. */
    static void writeLastFields(ScanResult r, com.fasterxml.jackson.core.JsonGenerator g) throws java.io.IOException {
        if (r.firstBytes() != null) g.writeStringField("first_bytes", r.firstBytes().hex());
        if (r.error() != null) g.writeStringField("error", r.error());
        if (r.target().hostName() != null) g.writeStringField("target", r.target().hostName());
    }

    String[] REPLY_FIELDS = {"protocol_version", "result_code", "error_code", "framing", "bearer", "max_channels",
            "firmware_revision", "hostname", "vendor"};
}
