package io.pptp4j.scan;

import java.util.ArrayList;
import java.util.List;

/** The TCP ports to try on each address, from {@code 1723}, {@code 1723,10000-10010} and the like. */
public record PortList(List<Integer> ports) {
    /** RFC 2637 1.4: the control connection's port. */
    public static final PortList DEFAULT = new PortList(List.of(1723));
    private static final int MAX_PORTS = 65536;

    public PortList {
        ports = List.copyOf(ports);
        if (ports.isEmpty()) throw new IllegalArgumentException("no ports");
    }

    /** Parses a comma-separated list of ports and ranges; keeps the order given, drops repeats. */
    public static PortList parse(String text) {
        java.util.LinkedHashSet<Integer> ports = new java.util.LinkedHashSet<>();
        for (String part : text.split(",", -1)) {
            String p = part.strip();
            int dash = p.indexOf('-');
            int from = port(dash < 0 ? p : p.substring(0, dash), text);
            int to = dash < 0 ? from : port(p.substring(dash + 1), text);
            if (to < from) throw new IllegalArgumentException("'" + text + "': range " + p + " runs backwards");
            for (int i = from; i <= to && ports.size() < MAX_PORTS; i++) ports.add(i);
        }
        return new PortList(new ArrayList<>(ports));
    }

    private static int port(String s, String whole) {
        if (s.isEmpty() || s.length() > 5 || !s.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("'" + whole + "': '" + s + "' is not a port (1 to 65535)");
        }
        int v = Integer.parseInt(s);
        if (v < 1 || v > 65535) throw new IllegalArgumentException("'" + whole + "': port " + v + " is not 1 to 65535");
        return v;
    }

    public int size() { return ports.size(); }
}
