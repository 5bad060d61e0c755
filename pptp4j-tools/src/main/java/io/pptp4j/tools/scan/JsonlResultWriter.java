package io.pptp4j.tools.scan;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.pptp4j.control.ControlMessage.StartControlConnectionReply;
import io.pptp4j.scan.Finding;
import io.pptp4j.scan.Fingerprint;
import io.pptp4j.scan.ScanResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/** {@code -o jsonl}: one JSON object per line per target, see {@link ResultWriter#jsonLine}; streamed. */
public final class JsonlResultWriter implements ResultWriter {
    static final JsonFactory FACTORY = new JsonFactory();
    private final PrintWriter out;
    private final JsonGenerator generator;

    JsonlResultWriter(PrintWriter out) {
        this.out = out;
        try {
            this.generator = FACTORY.createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                    .disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM)
                    .setRootValueSeparator(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void begin() { }

    /**
     * The reply's part of the last line ({@link ResultWriter#writeReplyFields}, with its leading comma)
     * and what it was made from: results that share the reply, fingerprint and findings instances (the
     * assessor hands the same ones out for a repeated reply) share the text, written again as it is.
     */
    private StartControlConnectionReply lastReply;
    private Fingerprint lastFingerprint;
    private List<Finding> lastFindings;
    private String lastReplyText;

    @Override
    public void write(ScanResult r) {
        try {
            if (lastReplyText == null || r.reply() != lastReply || r.fingerprint() != lastFingerprint || r.findings() != lastFindings) {
                lastReplyText = replyText(r);
                lastReply = r.reply();
                lastFingerprint = r.fingerprint();
                lastFindings = r.findings();
            }
            String ip = r.target().ip();
            if (r.firstBytes() == null && r.error() == null && r.target().hostName() == null && plain(ip)) {
                // the usual line, put together as the generator would write it (nothing in it needs escaping):
                // a scan writes one per target, and the generator's general path is most of the cost
                generator.writeRaw("{\"ip\":\"");
                generator.writeRaw(ip);
                generator.writeRaw("\",\"port\":");
                generator.writeRaw(Integer.toString(r.target().port()));
                generator.writeRaw(",\"status\":\"");
                generator.writeRaw(r.status().label());
                generator.writeRaw("\",\"rtt_ms\":");
                generator.writeRaw(r.rttMillis() == null ? "null" : Double.toString(r.rttMillis()));
                generator.writeRaw(lastReplyText);
                generator.writeRaw("}\n");
                return;
            }
            generator.writeStartObject();
            ResultWriter.writeTargetFields(r, generator);
            generator.writeRaw(lastReplyText);
            ResultWriter.writeLastFields(r, generator);
            generator.writeEndObject();
            generator.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether JSON needs no escape in {@code s}: no control character, quote or backslash (what the generator escapes). */
    private static boolean plain(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') return false;
        }
        return true;
    }

    /** {@code ,"protocol_version":...,"findings":[...]}: the reply's fields as the generator writes them. */
    private static String replyText(ScanResult r) throws IOException {
        StringWriter s = new StringWriter(1024);
        try (JsonGenerator g = FACTORY.createGenerator(s)) {
            g.writeStartObject();
            ResultWriter.writeReplyFields(r, g);
            g.writeEndObject();
        }
        return "," + s.getBuffer().substring(1, s.getBuffer().length() - 1);
    }

    @Override
    public void end() {
        try {
            generator.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
    }
}
