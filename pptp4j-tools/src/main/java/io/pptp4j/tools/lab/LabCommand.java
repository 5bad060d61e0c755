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
 * {@code pptp4j lab}: the demonstration. Today it decodes the real captures bundled in
 * {@code testdata/captures} and tells, per capture, what each layer shows; later issues make it a live
 * server and client in throwaway namespaces.
 */
@Command(name = "lab", mixinStandardHelpOptions = true,
        description = {"Demonstrate pptp4j on real traffic: decode the bundled PPTP captures (Windows NT, Windows RRAS, "
                + "pptpd, pptp-linux) and summarise each layer: control connection, call, LCP, authentication, CCP/MPPE, data."})
public final class LabCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--captures", paramLabel = "DIR", description = "directory of captures (default: testdata/captures of this checkout)")
    Path captures;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = captures != null ? captures : defaultCaptures();
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
        out.println("(a live server and client in throwaway network namespaces come with the tunnel issues)");
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
