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
            generator.writeStartObject();
            ResultWriter.writeTargetFields(r, generator);
            if (lastReplyText == null || r.reply() != lastReply || r.fingerprint() != lastFingerprint || r.findings() != lastFindings) {
                lastReplyText = replyText(r);
                lastReply = r.reply();
                lastFingerprint = r.fingerprint();
                lastFindings = r.findings();
            }
            generator.writeRaw(lastReplyText);
            ResultWriter.writeLastFields(r, generator);
            generator.writeEndObject();
            generator.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
