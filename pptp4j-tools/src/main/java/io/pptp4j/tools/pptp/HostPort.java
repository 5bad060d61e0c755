package io.pptp4j.tools.pptp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import picocli.CommandLine;

/** {@code ADDR[:PORT]} or {@code [V6ADDR]:PORT}, default port 1723, for picocli. */
final class HostPort implements CommandLine.ITypeConverter<InetSocketAddress> {
    static final int PPTP_PORT = 1723;

    @Override
    public InetSocketAddress convert(String value) throws Exception {
        return parse(value, PPTP_PORT);
    }

    static InetSocketAddress parse(String value, int defaultPort) throws CommandLine.TypeConversionException {
        String host = value;
        int port = defaultPort;
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            if (end < 0) throw new CommandLine.TypeConversionException("'" + value + "': missing ']'");
            host = value.substring(1, end);
            if (value.length() > end + 1) {
                if (value.charAt(end + 1) != ':') throw new CommandLine.TypeConversionException("'" + value + "': expected ':' after ']'");
                port = port(value.substring(end + 2), value);
            }
        } else if (value.indexOf(':') >= 0 && value.indexOf(':') == value.lastIndexOf(':')) {
            host = value.substring(0, value.indexOf(':'));
            port = port(value.substring(value.indexOf(':') + 1), value);
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host.isEmpty() ? "0.0.0.0" : host), port);
        } catch (UnknownHostException e) {
            throw new CommandLine.TypeConversionException("'" + host + "': unknown host");
        }
    }

    private static int port(String s, String whole) {
        try {
            int p = Integer.parseInt(s);
            if (p < 1 || p > 65535) throw new NumberFormatException();
            return p;
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + whole + "': port must be 1 to 65535");
        }
    }
}
