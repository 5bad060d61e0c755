package io.pptp4j.tools.scan;

import com.fasterxml.jackson.core.JsonGenerator;
import io.pptp4j.scan.FindingKind;
import io.pptp4j.scan.Finding;
import io.pptp4j.scan.FingerprintDatabase;
import io.pptp4j.scan.MppePosture;
import io.pptp4j.scan.MppeTryResult;
import io.pptp4j.scan.ScanAssessor;
import io.pptp4j.scan.ScanResult;
import io.pptp4j.scan.ScanStatus;
import io.pptp4j.scan.Target;
import io.pptp4j.scan.TargetSpec;
import io.pptp4j.tools.UserException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pptp4j probe}: one server in depth: what scan reports, Echo handling, call set-up and the GRE path. */
@Command(name = "probe", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Probe one PPTP server in depth: every SCCRP field, fingerprint and findings (as scan), how it answers "
                + "an Echo-Request, an outgoing call (OCRP result, the server's call ID and window), and the GRE path check: "
                + "with the call up, does GRE come back? (gre.status: passes or blocked, with what was tried).",
                "With --user: the encryption posture, one full PPP session per try (MS-CHAP v2, then CCP): our default "
                        + "MPPE-128 stateless, MPPE-40 only, MPPE-56 only, stateful only, and no encryption; whether MPPE is "
                        + "offered and required, which key lengths and whether stateful mode are allowed (mppe.*). The "
                        + "password comes from --password-file, the environment variable PPTP4J_PASSWORD, or a prompt.",
                "The call and the GRE check need a raw socket: root or CAP_NET_RAW.",
                "Exit code 0 when the server speaks PPTP and, with --user, the posture was probed (a refused password: 1)."})
public final class ProbeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "HOST", description = "the server: an address or a host name")
    String host;

    @Option(names = "-p", paramLabel = "PORT", defaultValue = "1723", description = "TCP port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--timeout", paramLabel = "MS", defaultValue = "5000",
            description = "for each connection, reply and call set-up, in milliseconds (default: ${DEFAULT-VALUE})")
    int timeoutMillis;

    @Option(names = "--gre-wait", paramLabel = "MS", defaultValue = "5000",
            description = "how long to wait for GRE to come back with the call up (default: ${DEFAULT-VALUE})")
    int greWaitMillis;

    // longer than two of LCP's 3 s restart intervals (RFC 1661 4.6): a lost Configure-Request, or the answer
    // to our Nak, comes again within the wait instead of passing for a refusal
    @Option(names = "--auth-wait", paramLabel = "MS", defaultValue = "7000",
            description = "per try of the authentication posture: how long to wait for the server's LCP (default: ${DEFAULT-VALUE})")
    int authWaitMillis;

    @Option(names = "--no-auth", description = "skip the authentication posture (six calls)")
    boolean noAuth;

    @Option(names = "--user", paramLabel = "U",
            description = "probe the encryption posture, authenticating as U (five sessions); needs a valid account")
    String user;

    @Option(names = "--password-file", paramLabel = "FILE", description = "with --user: the password, on the first line of FILE")
    Path passwordFile;

    @Option(names = "--ppp-wait", paramLabel = "MS", defaultValue = "10000",
            description = "with --user, per try: how long a PPP session may take to come up or be refused (default: ${DEFAULT-VALUE})")
    int pppWaitMillis;

    @Option(names = {"-o", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table, json or sarif (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--output", paramLabel = "FILE", description = "write the report to FILE instead of standard output")
    Path output;

    @Option(names = "--fingerprints", paramLabel = "FILE", description = "fingerprint data file (JSON) instead of the bundled one")
    Path fingerprints;

    @Option(names = "--hostname", paramLabel = "H", defaultValue = "pptp4j-probe", description = "Host Name in our SCCRQ (default: ${DEFAULT-VALUE})")
    String hostName;

    @Override
    public Integer call() throws IOException {
        if (port < 1 || port > 65535) throw new UserException("-p " + port + ": must be 1 to 65535", 2);
        if (timeoutMillis < 1 || timeoutMillis > 600_000) throw new UserException("--timeout " + timeoutMillis + ": must be 1 to 600000 ms", 2);
        if (greWaitMillis < 0 || greWaitMillis > 600_000) throw new UserException("--gre-wait " + greWaitMillis + ": must be 0 to 600000 ms", 2);
        if (!List.of("table", "json", "sarif").contains(format)) throw new UserException("-o " + format + ": must be table, json or sarif", 2);
        if (pppWaitMillis < 1 || pppWaitMillis > 600_000) throw new UserException("--ppp-wait " + pppWaitMillis + ": must be 1 to 600000 ms", 2);
        if (passwordFile != null && user == null) throw new UserException("--password-file needs --user", 2);
        char[] password = user != null ? password() : null;
        Target target = target();
        FingerprintDatabase db = fingerprints == null ? FingerprintFile.bundled() : load(fingerprints);
        ScanAssessor assessor = new ScanAssessor(db, LocalDate.now());

        ControlProbe.Outcome control = new ControlProbe(assessor, timeoutMillis, hostName, "pptp4j").probe(target);
        ScanResult scan = control.scan();
        CallProbe.Outcome call = null;
        if (scan.status() == ScanStatus.PPTP && scan.reply() != null && scan.reply().resultCode() == 1) {
            call = new CallProbe(timeoutMillis, greWaitMillis, hostName).probe(new InetSocketAddress(target.address(), target.port()));
        }
        AuthProbe.Posture auth = null;
        if (!noAuth && call != null && call.call().status().equals("connected")) {
            auth = new AuthProbe(timeoutMillis, authWaitMillis, hostName).probe(new InetSocketAddress(target.address(), target.port()));
        }
        MppePosture mppe;
        if (user == null) {
            mppe = MppePosture.notTried("no --user");
        } else if (call == null || !call.call().status().equals("connected")) {
            mppe = new MppePosture("not-tried", user, List.of(), "no call to run PPP over");
        } else {
            mppe = new MppeProbe(timeoutMillis, pppWaitMillis, hostName).probe(new InetSocketAddress(target.address(), target.port()),
                    user, password);
        }
        if (password != null) java.util.Arrays.fill(password, '\0');
        List<Finding> findings = new ArrayList<>(scan.findings());
        if (auth != null && "none".equals(auth.requested())) {
            findings.add(FindingKind.NO_AUTHENTICATION.with("the server's LCP Configure-Request has no Authentication-Protocol"));
        }
        if (auth != null) {
            List<String> weak = auth.accepted().stream().filter(a -> List.of("pap", "chap-md5", "ms-chap").contains(a)).toList();
            if (!weak.isEmpty()) {
                findings.add(FindingKind.WEAK_AUTHENTICATION.with("accepts " + String.join(", ", weak) + " when Nak'd toward "
                        + (weak.size() == 1 ? "it" : "them") + " (asks for " + auth.requested() + ")"));
            }
        }
        findings.addAll(mppe.findings());
        if (control.echo().status().equals("no-reply")) findings.add(FindingKind.NO_ECHO_REPLY.with(control.echo().detail()));
        if (call != null && call.gre().status().equals("blocked")) findings.add(FindingKind.GRE_BLOCKED.with(call.gre().tried()));
        ScanResult all = new ScanResult(scan.target(), scan.status(), scan.rttMillis(), scan.reply(), scan.firstBytes(), scan.error(),
                scan.fingerprint(), findings);

        PrintWriter out = output == null ? spec.commandLine().getOut()
                : new PrintWriter(Files.newBufferedWriter(output, StandardCharsets.UTF_8), false);
        switch (format) {
            case "json" -> out.println(json(all, control.echo(), call, auth, mppe));
            case "sarif" -> {
                ResultWriter w = ResultWriter.of(ResultWriter.Format.SARIF, out, ScanCommand.version());
                w.write(all);
                w.end();
            }
            default -> table(out, all, control.echo(), call, auth, mppe);
        }
        out.flush();
        if (output != null) out.close();
        // a posture asked for and not probed (a refused password...) is a failure: a script must not read it as clean
        return scan.status() == ScanStatus.PPTP && (user == null || mppe.probed()) ? 0 : 1;
    }

    private Target target() {
        TargetSpec spec;
        try {
            spec = TargetSpec.parse(host);
        } catch (IllegalArgumentException e) {
            throw new UserException("HOST " + e.getMessage(), 2);
        }
        return switch (spec) {
            case TargetSpec.Address a -> Target.of(a.address(), port);
            case TargetSpec.Block b -> throw new UserException("HOST " + host + ": probe takes one server; scan takes blocks", 2);
            case TargetSpec.HostName h -> {
                try {
                    yield new Target(InetAddress.getByName(h.name()), port, h.name(), null);
                } catch (UnknownHostException e) {
                    throw new UserException(h.name() + ": cannot resolve it");
                }
            }
        };
    }

    private static FingerprintDatabase load(Path file) {
        try {
            return FingerprintFile.load(file);
        } catch (IOException e) {
            throw new UserException("--fingerprints " + file + ": cannot read: " + e.getMessage(), 2);
        } catch (IllegalArgumentException e) {
            throw new UserException("--fingerprints " + e.getMessage(), 2);
        }
    }

    /** The scan fields (as {@code scan -o jsonl}) and then {@code echo}, {@code call} and {@code gre}. */
    static String json(ScanResult r, ControlProbe.Echo echo, CallProbe.Outcome call, AuthProbe.Posture auth, MppePosture mppe)
            throws IOException {
        StringWriter s = new StringWriter();
        try (JsonGenerator g = JsonlResultWriter.FACTORY.createGenerator(s).useDefaultPrettyPrinter()) {
            g.writeStartObject();
            ResultWriter.writeFields(r, g);
            g.writeObjectFieldStart("echo");
            g.writeStringField("status", echo.status());
            number(g, "result_code", echo.resultCode());
            number(g, "error_code", echo.errorCode());
            g.writeFieldName("rtt_ms");
            if (echo.rttMillis() != null) g.writeNumber(echo.rttMillis()); else g.writeNull();
            if (echo.detail() != null) g.writeStringField("detail", echo.detail());
            g.writeEndObject();
            g.writeObjectFieldStart("call");
            if (call == null) {
                g.writeStringField("status", "not-tried");
            } else {
                CallProbe.Call c = call.call();
                g.writeStringField("status", c.status());
                number(g, "peer_call_id", c.peerCallId());
                number(g, "peer_window", c.peerWindow());
                number(g, "peer_processing_delay", c.peerProcessingDelay());
                g.writeFieldName("connect_speed");
                if (c.connectSpeed() != null) g.writeNumber(c.connectSpeed()); else g.writeNull();
                g.writeObjectFieldStart("ocrp");
                number(g, "result_code", c.resultCode());
                number(g, "error_code", c.errorCode());
                number(g, "cause_code", c.causeCode());
                g.writeEndObject();
                if (c.detail() != null) g.writeStringField("detail", c.detail());
            }
            g.writeEndObject();
            g.writeObjectFieldStart("gre");
            if (call == null) {
                g.writeStringField("status", "not-tried");
                g.writeStringField("tried", "no call");
            } else {
                CallProbe.Gre gre = call.gre();
                g.writeStringField("status", gre.status());
                g.writeStringField("tried", gre.tried());
                g.writeNumberField("frames_sent", gre.framesSent());
                g.writeNumberField("frames_received", gre.framesReceived());
                g.writeNumberField("ack_only_received", gre.ackOnlyReceived());
                g.writeFieldName("first_reply_ms");
                if (gre.firstReplyMillis() != null) g.writeNumber(gre.firstReplyMillis()); else g.writeNull();
            }
            g.writeEndObject();
            g.writeObjectFieldStart("auth");
            if (auth == null) {
                g.writeStringField("status", "not-tried");
            } else {
                g.writeStringField("status", auth.requested() == null ? "unknown" : "probed");
                g.writeStringField("requested", auth.requested());
                g.writeArrayFieldStart("accepted");
                for (String a : auth.accepted()) g.writeString(a);
                g.writeEndArray();
                g.writeArrayFieldStart("refused");
                for (String a : auth.refused()) g.writeString(a);
                g.writeEndArray();
                g.writeArrayFieldStart("notes");
                for (String a : auth.notes()) g.writeString(a);
                g.writeEndArray();
            }
            g.writeEndObject();
            mppe(g, mppe);
            g.writeEndObject();
        }
        return s.toString();
    }

    /** {@code mppe}: status, user, the conclusions (null: unknown), then each try. */
    private static void mppe(JsonGenerator g, MppePosture m) throws IOException {
        g.writeObjectFieldStart("mppe");
        g.writeStringField("status", m.status());
        if (m.user() != null) g.writeStringField("user", m.user());
        if (m.detail() != null) g.writeStringField("detail", m.detail());
        bool(g, "offered", m.offered());
        bool(g, "required", m.required());
        g.writeArrayFieldStart("strengths_allowed");
        for (int bits : m.strengthsAllowed()) g.writeNumber(bits);
        g.writeEndArray();
        bool(g, "stateful_allowed", m.statefulAllowed());
        g.writeArrayFieldStart("tries");
        for (MppeTryResult t : m.tries()) {
            g.writeStartObject();
            g.writeStringField("name", t.attempt().label());
            g.writeStringField("offered", t.attempt().offer());
            g.writeStringField("outcome", t.outcome().label());
            g.writeStringField("agreed", t.agreedText());
            if (t.detail() != null) g.writeStringField("detail", t.detail());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void bool(JsonGenerator g, String name, Boolean v) throws IOException {
        g.writeFieldName(name);
        if (v != null) g.writeBoolean(v); else g.writeNull();
    }

    private static void number(JsonGenerator g, String name, Integer v) throws IOException {
        g.writeFieldName(name);
        if (v != null) g.writeNumber(v); else g.writeNull();
    }

    private static void table(PrintWriter out, ScanResult r, ControlProbe.Echo echo, CallProbe.Outcome call, AuthProbe.Posture auth,
                              MppePosture mppe) {
        ResultWriter w = ResultWriter.of(ResultWriter.Format.TABLE, out, "");
        if (r.status() == ScanStatus.CLOSED || r.status() == ScanStatus.FILTERED) {
            out.println(r.target().ip() + ":" + r.target().port() + " " + r.status().label() + (r.error() != null ? ": " + r.error() : ""));
            return;
        }
        w.write(r);
        out.println("  echo: " + echo.status() + (echo.rttMillis() != null ? String.format(" in %.1f ms", echo.rttMillis()) : "")
                + (echo.resultCode() != null ? ", result " + echo.resultCode() : "") + (echo.detail() != null ? " (" + echo.detail() + ")" : ""));
        if (call == null) {
            out.println("  call: not tried");
            if (mppe.user() != null) mppeLines(mppe).forEach(out::println);
            return;
        }
        CallProbe.Call c = call.call();
        out.println("  call: " + c.status() + (c.peerCallId() != null ? ", server's call ID " + c.peerCallId() + ", window "
                + c.peerWindow() + ", processing delay " + c.peerProcessingDelay() + ", connect speed " + c.connectSpeed()
                + ", OCRP result " + c.resultCode() : "") + (c.detail() != null ? " (" + c.detail() + ")" : ""));
        out.println("  gre:  " + call.gre().status() + ": " + call.gre().tried());
        if (auth != null) {
            out.println("  auth: asks for " + (auth.requested() == null ? "(unknown)" : auth.requested()) + "; accepts "
                    + (auth.accepted().isEmpty() ? "none of the others" : String.join(", ", auth.accepted())) + "; refuses "
                    + (auth.refused().isEmpty() ? "none" : String.join(", ", auth.refused()))
                    + (auth.notes().isEmpty() ? "" : " (" + String.join("; ", auth.notes()) + ")"));
        }
        if (mppe.user() != null) {
            for (String line : mppeLines(mppe)) out.println(line);
        }
    }

    /** The table's {@code mppe:} line, then one line per try. */
    static List<String> mppeLines(MppePosture m) {
        List<String> lines = new ArrayList<>();
        if (!m.probed()) {
            lines.add("  mppe: not probed: " + m.detail());
            return lines;
        }
        lines.add("  mppe: as " + m.user() + ": " + yesNo(m.offered(), "offered", "not offered") + ", "
                + yesNo(m.required(), "required", "not required") + "; key lengths allowed: "
                + (m.strengthsAllowed().isEmpty() ? "none" : String.join(", ", m.strengthsAllowed().stream().map(b -> b + "-bit").toList()))
                + "; stateful mode " + yesNo(m.statefulAllowed(), "allowed", "refused"));
        for (MppeTryResult t : m.tries()) {
            lines.add(String.format("    %-19s %-11s %s", t.attempt().label(), t.outcome().label(),
                    t.agreedText() != null ? "agreed " + t.agreedText() : t.detail()));
        }
        return lines;
    }

    private static String yesNo(Boolean b, String yes, String no) { return b == null ? "(" + yes + "?)" : b ? yes : no; }

    /** --password-file, else PPTP4J_PASSWORD, else a prompt on the terminal; never an argument. */
    private char[] password() {
        if (passwordFile != null) {
            try {
                return Files.readAllLines(passwordFile, StandardCharsets.UTF_8).stream().findFirst().orElse("").toCharArray();
            } catch (IOException e) {
                throw new UserException("--password-file " + passwordFile + ": cannot read: " + e.getMessage(), 2);
            }
        }
        String env = System.getenv("PPTP4J_PASSWORD");
        if (env != null) return env.toCharArray();
        java.io.Console console = System.console();
        if (console == null) {
            throw new UserException("--user " + user + " needs a password: --password-file FILE, PPTP4J_PASSWORD, or a terminal to prompt on", 2);
        }
        char[] p = console.readPassword("Password for %s: ", user);
        if (p == null) throw new UserException("no password given", 2);
        return p;
    }
}
