package io.pptp4j.tools.lab;

import io.pptp4j.analysis.PptpTrafficDecoder;
import io.pptp4j.linux.capture.CaptureFileException;
import io.pptp4j.linux.capture.CaptureFileReader;
import io.pptp4j.tools.UserException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pptp4j lab}: the demonstration. As root, a live server and client of ours in throwaway network
 * namespaces ({@link LiveLab}); without root, what needs no privileges: the PPP engines pumped in memory
 * ({@link InMemoryLab}) and the real captures bundled in {@code testdata/captures}, decoded layer by layer.
 */
@Command(name = "lab", mixinStandardHelpOptions = true,
        description = {"Demonstrate pptp4j. As root: start a PPTP server and client of our own in throwaway network namespaces, "
                + "authenticate with MS-CHAP v2, encrypt with MPPE-128, ping through the tunnel, show what happened at each "
                + "layer, and remove everything.",
                "Without root (or with --in-memory): run the PPP engines against each other in memory, and decode the bundled "
                        + "real captures (Windows NT, Windows RRAS, pptpd, pptp-linux) layer by layer.",
                "--captures DIR decodes the captures in DIR only."})
public final class LabCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--captures", paramLabel = "DIR", description = "only decode the captures in DIR")
    Path captures;

    @Option(names = "--in-memory", description = "skip the live lab even as root")
    boolean inMemory;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        if (captures != null) {
            return captures(out, captures);
        }
        java.util.Optional<String> missing = LiveLab.missing();
        if (missing.isEmpty() && !inMemory) {
            out.println("pptp4j lab: a PPTP server and client of our own in throwaway network namespaces");
            try (LiveLab lab = new LiveLab(out)) {
                Thread hook = new Thread(lab::close);
                Runtime.getRuntime().addShutdownHook(hook);
                int code = lab.run();
                out.println("pptp4j lab: done; namespaces, interfaces and processes removed");
                return code;
            }
        }
        out.println("pptp4j lab: " + (inMemory ? "--in-memory" : "the live lab needs " + missing.get())
                + "; here is what runs without it");
        out.println();
        out.println("PPP in memory: our server and client engines, no sockets");
        int code = new InMemoryLab(out).run();
        out.println();
        int capturesCode = captures(out, defaultCaptures());
        return Math.max(code, capturesCode);
    }

    private static int captures(PrintWriter out, Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".pcap") || p.toString().endsWith(".pcapng")).sorted().toList();
        } catch (IOException e) {
            throw new UserException(dir + ": cannot list captures: " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw new UserException(dir + ": no .pcap or .pcapng files");
        }
        out.println("pptp4j lab: " + files.size() + " real PPTP captures from " + dir);
        for (Path f : files) {
            CaptureSummary summary = new CaptureSummary();
            PptpTrafficDecoder decoder = new PptpTrafficDecoder(summary);
            out.println();
            try {
                io.pptp4j.linux.capture.CaptureSummary read = CaptureFileReader.read(f, decoder);
                decoder.finish();
                out.println(f.getFileName() + "  (" + read.packets() + " frames)");
            } catch (CaptureFileException e) {
                decoder.finish();
                out.println(f.getFileName() + "  (" + e.getMessage() + ")");
            }
            summary.lines().forEach(out::println);
        }
        return 0;
    }

    private static Path defaultCaptures() {
        String home = System.getProperty("pptp4j.home");
        Path base = home != null ? Path.of(home) : Path.of("").toAbsolutePath();
        for (Path p = base; p != null; p = p.getParent()) {
            Path candidate = p.resolve("testdata/captures");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new UserException("cannot find testdata/captures above " + base + "; give one with --captures DIR");
    }
}
