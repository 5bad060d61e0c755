package io.pptp4j.ppp.options;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Parses pppd options files and argument lists (pppd(8), "OPTIONS" and "OPTIONS FILES") into
 * {@link PppOptions}. Words are read by {@link PppWordReader}. Each word is, in this order:
 * <ul>
 * <li>a known option: a flag, or an option that takes the next word as its value (a value missing at
 *     the end is an error: {@code missing value for file});</li>
 * <li>all digits: the line speed ({@code 115200});</li>
 * <li>a word with one {@code :}: the {@code local:remote} address pair; a side written as dotted digits
 *     must be an IPv4 address;</li>
 * <li>anything else: an {@link PppOption.Unknown} option, with a warning.</li>
 * </ul>
 * Options that pppd knows but that do not change what pptp4j does ({@code lock}, {@code novj},
 * {@code proxyarp}, {@code logfile F}...) are kept, with a warning. {@code file F} is expanded in place
 * through an {@link IncludeResolver}; {@link IncludeResolver#NONE} keeps the option without reading the
 * file. {@code strip-domain} is pptp4j's own option (see {@link PppPolicy}).
 */
public final class PppOptionsParser {
    /** How deep {@code file} options may nest before we assume a loop. */
    public static final int MAX_INCLUDE_DEPTH = 8;

    /** Reads the text of an options file named by a {@code file} option. */
    @FunctionalInterface
    public interface IncludeResolver {
        /** Does not follow {@code file} options. */
        IncludeResolver NONE = file -> null;

        /** The file's text, or null to keep the {@code file} option without following it. */
        String read(String file) throws IOException;
    }

    /** Options pptp4j acts on (see {@link PppPolicy}) that take no value. */
    static final Set<String> FLAGS = Set.of(
            "local", "auth", "noauth", "strip-domain",
            "require-pap", "require-chap", "require-mschap", "require-mschap-v2", "require-eap",
            "refuse-pap", "refuse-chap", "refuse-mschap", "refuse-mschap-v2", "refuse-eap",
            "require-mppe", "require-mppe-40", "require-mppe-128",
            "nomppe", "nomppe-40", "nomppe-56", "nomppe-128", "mppe-stateful", "nomppe-stateful");

    /** Options pptp4j acts on that take one value. */
    static final Set<String> VALUED = Set.of(
            "file", "name", "remotename", "ipparam", "remotenumber", "plugin", "mtu", "mru",
            "lcp-echo-interval", "lcp-echo-failure", "ms-dns", "ms-wins", "mppe");

    /** pppd options without a value that change nothing in pptp4j: accepted with a warning. */
    static final Set<String> IGNORED_FLAGS = Set.of(
            "lock", "nolock", "nobsdcomp", "nodeflate", "novj", "novjccomp", "noccp", "noaccomp",
            "nopcomp", "nomagic", "proxyarp", "noproxyarp", "debug", "dump", "dryrun", "nodetach",
            "updetach", "persist", "nopersist", "demand", "defaultroute", "nodefaultroute",
            "replacedefaultroute", "nologfd", "noipdefault", "ipcp-accept-local", "ipcp-accept-remote",
            "passive", "silent", "crtscts", "nocrtscts", "modem", "usepeerdns", "lcp-echo-adaptive",
            "multilink", "nomultilink", "mp", "nomp", "noip", "+ipv6", "noipv6", "ktune", "noktune",
            "default-asyncmap", "receive-all", "noendpoint", "papcrypt", "login", "mschap-v2", "+mschap-v2",
            "+pap", "-pap", "+chap", "-chap", "+mschap", "-mschap", "-mschap-v2");

    /** pppd options with one value that change nothing in pptp4j: accepted with a warning. */
    static final Set<String> IGNORED_VALUED = Set.of(
            "logfile", "linkname", "maxfail", "holdoff", "idle", "connect", "disconnect", "pty", "user",
            "password", "domain", "call", "asyncmap", "escape", "connect-delay", "init", "welcome", "record",
            "lcp-max-configure", "lcp-max-terminate", "lcp-max-failure", "lcp-restart",
            "ipcp-max-configure", "ipcp-max-terminate", "ipcp-max-failure", "ipcp-restart",
            "pap-max-authreq", "pap-restart", "pap-timeout", "chap-max-challenge", "chap-restart",
            "chap-interval", "unit", "ifname", "bsdcomp", "deflate", "kdebug", "mrru", "netmask",
            "ipv6", "active-filter", "pass-filter", "bundle", "endpoint", "radius-config-file",
            "child-timeout", "ip-up-script", "ip-down-script", "set");

    private PppOptionsParser() {
    }

    /** An options file; {@code file} options are kept but not followed. */
    public static PppOptions parseFile(String source, String text) {
        return parseFile(source, text, IncludeResolver.NONE);
    }

    /** An options file, following {@code file} options through {@code includes}. */
    public static PppOptions parseFile(String source, String text, IncludeResolver includes) {
        Parse parse = new Parse(includes);
        parse.words(PppWordReader.words(source, text), 0);
        return parse.result();
    }

    /**
     * An argument list as pppd receives it, one word per argument; positions are {@code argv:1:N} with N
     * the 1-based argument number. E.g. what pptpd's pptpctrl passes:
     * {@code local file /etc/ppp/pptpd-options 115200 192.168.0.1:192.168.1.1 ipparam 192.0.2.1 ...}.
     */
    public static PppOptions parseArguments(List<String> arguments, IncludeResolver includes) {
        List<Word> words = new ArrayList<>(arguments.size());
        for (int i = 0; i < arguments.size(); i++) {
            words.add(new Word(arguments.get(i), new Position("argv", 1, i + 1), i == 0, false));
        }
        Parse parse = new Parse(includes);
        parse.words(words, 0);
        return parse.result();
    }

    private static final class Parse {
        private final IncludeResolver includes;
        private final List<PppOption> options = new ArrayList<>();
        private final List<String> warnings = new ArrayList<>();

        Parse(IncludeResolver includes) {
            this.includes = includes;
        }

        PppOptions result() {
            return new PppOptions(options, warnings);
        }

        void words(List<Word> words, int depth) {
            for (int i = 0; i < words.size(); i++) {
                Word word = words.get(i);
                String name = word.text();
                Position at = word.position();
                boolean ignored = IGNORED_FLAGS.contains(name) || IGNORED_VALUED.contains(name);
                if (FLAGS.contains(name) || IGNORED_FLAGS.contains(name)) {
                    options.add(new PppOption.Flag(name, at));
                } else if (VALUED.contains(name) || IGNORED_VALUED.contains(name)) {
                    if (i + 1 >= words.size()) {
                        throw new PppConfigException(at, "missing value for " + name);
                    }
                    String value = words.get(++i).text();
                    options.add(new PppOption.Valued(name, value, at));
                    if (name.equals("file")) {
                        include(value, at, depth);
                    }
                } else if (!name.isEmpty() && name.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    options.add(new PppOption.Speed(speed(name, at), at));
                } else if (name.indexOf(':') >= 0 && name.indexOf(':') == name.lastIndexOf(':')) {
                    options.add(addressPair(name, at));
                } else {
                    options.add(new PppOption.Unknown(name, at));
                    warnings.add(at + ": unknown option " + name + " (ignored)");
                }
                if (ignored) {
                    warnings.add(at + ": " + name + " has no effect in pptp4j");
                }
            }
        }

        private void include(String file, Position at, int depth) {
            if (depth + 1 > MAX_INCLUDE_DEPTH) {
                throw new PppConfigException(at, "options files nested more than " + MAX_INCLUDE_DEPTH
                        + " deep (file " + file + ")");
            }
            String text;
            try {
                text = includes.read(file);
            } catch (IOException e) {
                throw new PppConfigException(at, "cannot read options file " + file + ": " + e.getMessage());
            }
            if (text != null) {
                words(PppWordReader.words(file, text), depth + 1);
            }
        }

        private static int speed(String word, Position at) {
            try {
                int speed = Integer.parseInt(word);
                if (speed > 0) {
                    return speed;
                }
            } catch (NumberFormatException e) {
                // too large
            }
            throw new PppConfigException(at, "bad speed " + word);
        }

        private static PppOption.AddressPair addressPair(String word, Position at) {
            int colon = word.indexOf(':');
            String local = word.substring(0, colon);
            String remote = word.substring(colon + 1);
            for (String side : List.of(local, remote)) {
                if (!side.isEmpty() && side.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'))
                        && Ipv4.parse(side).isEmpty()) {
                    throw new PppConfigException(at, "bad IPv4 address " + side + " in " + word);
                }
            }
            return new PppOption.AddressPair(local, remote, at);
        }
    }

    /** Every option name this parser knows, for documentation and tests. */
    public static Set<String> knownOptions() {
        return Stream.of(FLAGS, VALUED, IGNORED_FLAGS, IGNORED_VALUED).flatMap(Set::stream)
                .collect(Collectors.toUnmodifiableSet());
    }

}
