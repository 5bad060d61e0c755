package io.pptp4j.tools.scan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pptp4j.scan.Finding;
import io.pptp4j.scan.FindingKind;
import io.pptp4j.scan.ScanResult;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * {@code -o sarif}: one SARIF 2.1.0 log (OASIS SARIF 2.1.0) with a run whose rules are the finding
 * kinds and whose results are the findings; each result's location is the service, as
 * {@code pptp://ADDRESS:PORT}. Only hosts with findings are kept until {@link #end()}.
 */
public final class SarifResultWriter implements ResultWriter {
    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    private final PrintWriter out;
    private final String toolVersion;
    private final ArrayNode results = JsonNodeFactory.instance.arrayNode();

    SarifResultWriter(PrintWriter out, String toolVersion) {
        this.out = out;
        this.toolVersion = toolVersion;
    }

    @Override
    public void begin() { }

    @Override
    public void write(ScanResult r) {
        for (Finding f : r.findings()) {
            ObjectNode res = results.addObject();
            res.put("ruleId", f.id());
            res.put("ruleIndex", f.kind().ordinal());
            res.put("level", f.severity().sarifLevel());
            res.putObject("message").put("text", f.title() + ": " + f.evidence());
            String uri = "pptp://" + (r.target().address() instanceof java.net.Inet6Address
                    ? "[" + r.target().ip() + "]" : r.target().ip()) + ":" + r.target().port();
            res.putArray("locations").addObject().putObject("physicalLocation").putObject("artifactLocation").put("uri", uri);
            res.putObject("partialFingerprints").put("pptp4jFinding/v1", uri + "/" + f.id());
            ObjectNode p = res.putObject("properties");
            p.put("severity", f.severity().label());
            p.put("security-severity", f.severity().securitySeverity());
            if (r.reply() != null) {
                p.put("vendor", r.reply().vendorString());
                p.put("hostname", r.reply().hostName());
                p.put("firmware_revision", r.reply().firmwareRevision());
            }
            if (r.fingerprint() != null) p.put("product", r.fingerprint().product());
        }
    }

    @Override
    public void end() {
        ObjectNode log = JsonNodeFactory.instance.objectNode();
        log.put("$schema", SCHEMA);
        log.put("version", "2.1.0");
        ObjectNode run = log.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "pptp4j");
        driver.put("semanticVersion", toolVersion);
        driver.put("informationUri", "https://www.rfc-editor.org/rfc/rfc2637");
        ArrayNode rules = driver.putArray("rules");
        for (FindingKind k : FindingKind.values()) {
            ObjectNode rule = rules.addObject();
            rule.put("id", k.id());
            rule.put("name", name(k));
            rule.putObject("shortDescription").put("text", k.title());
            rule.putObject("help").put("text", k.remediation());
            rule.putObject("defaultConfiguration").put("level", k.severity().sarifLevel());
            ObjectNode p = rule.putObject("properties");
            p.put("security-severity", k.severity().securitySeverity());
            p.putArray("tags").add("security").add("pptp");
        }
        run.set("results", results);
        run.putArray("invocations").addObject().put("executionSuccessful", true);
        try {
            out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(log));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
    }

    /** {@code PPTP_EXPOSED} as {@code PptpExposed}: SARIF's rule names are identifiers. */
    private static String name(FindingKind k) {
        StringBuilder sb = new StringBuilder();
        for (String part : k.name().split("_")) {
            sb.append(part.charAt(0)).append(part.substring(1).toLowerCase(java.util.Locale.ROOT));
        }
        return sb.toString();
    }
}
