package io.pptp4j.tools.scan;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.pptp4j.scan.ScanResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

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

    @Override
    public void write(ScanResult r) {
        try {
            ResultWriter.writeJson(r, generator);
            generator.writeRaw('\n');
            generator.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void end() { out.flush(); }
}
