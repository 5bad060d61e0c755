package io.pptp4j.tools.inspect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pptp4j.inspect.Finding;
import io.pptp4j.inspect.InspectReport;
import io.pptp4j.inspect.PptpSession;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code --log FILE}: one JSON line per session with its findings, each session once, flushed after each
 * batch so that a monitoring pipeline sees a live capture's sessions as they end.
 */
final class ConnectionLog implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BufferedWriter out;
    private final boolean showSecrets;
    private final Set<String> written = new HashSet<>();

    ConnectionLog(Path file, boolean showSecrets) throws IOException {
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        this.showSecrets = showSecrets;
    }

    /** Writes the sessions of {@code report} from {@code source} not written before. */
    void write(String source, InspectReport report) throws IOException {
        for (PptpSession s : report.sessions()) {
            if (!written.add(source + "#" + s.id())) {
                continue;
            }
            ObjectNode line = ReportJson.session(source, s, showSecrets);
            ArrayNode findings = line.putArray("findings");
            for (Finding f : report.findings()) {
                if (f.sessionId() == s.id()) {
                    findings.add(ReportJson.finding(source, f));
                }
            }
            out.write(JSON.writeValueAsString(line));
            out.newLine();
        }
        out.flush();
    }

    @Override
    public void close() throws IOException { out.close(); }
}
