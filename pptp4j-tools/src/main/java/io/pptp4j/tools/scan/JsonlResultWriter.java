package io.pptp4j.tools.scan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pptp4j.scan.ScanResult;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/** {@code -o jsonl}: one JSON object per line per target, see {@link ResultWriter#json}. */
public final class JsonlResultWriter implements ResultWriter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final PrintWriter out;

    JsonlResultWriter(PrintWriter out) { this.out = out; }

    @Override
    public void begin() { }

    @Override
    public void write(ScanResult r) {
        try {
            out.println(JSON.writeValueAsString(ResultWriter.json(r)));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void end() { out.flush(); }
}
