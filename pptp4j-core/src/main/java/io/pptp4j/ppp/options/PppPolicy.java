package io.pptp4j.ppp.options;

import io.pptp4j.ppp.fsm.lcp.AuthProtocol;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a pptp4j server asks of its peer, derived from pppd options by {@link #from(PppOptions)}.
 *
 * <p><b>Secure defaults</b> (no option given): the peer must authenticate with MS-CHAPv2 only, MPPE is
 * required with 128-bit keys only and stateless, MRU and MTU 1500, no LCP echo, no DNS or WINS, names
 * unset, {@code strip-domain} off.
 *
 * <p><b>Mapping</b>, applied in option order (a later option overrides an earlier one where they set the
 * same thing):
 * <ul>
 * <li>{@code auth} / {@code noauth}: the peer must / need not authenticate (default: must).</li>
 * <li>{@code require-pap}, {@code require-chap}, {@code require-mschap}, {@code require-mschap-v2},
 *     {@code require-eap}: explicit options win over the default: once any is given, the allowed methods
 *     are exactly the required ones (MS-CHAPv2 is no longer implied).</li>
 * <li>{@code refuse-pap}, {@code refuse-chap}, {@code refuse-mschap}, {@code refuse-mschap-v2},
 *     {@code refuse-eap}: the method is removed from the allowed ones, whatever the order of the options.
 *     (In pppd these only stop pppd authenticating itself with the method; pptpd's options file pairs
 *     them with {@code require-mschap-v2} to mean "only MS-CHAPv2", and one policy serves both here.)
 *     If the peer must authenticate and no method is left: error {@code no authentication method left}.</li>
 * <li>The allowed methods are listed most preferred first ({@link AuthProtocol#PREFERENCE}).</li>
 * <li>{@code require-mppe}: MPPE required with 40- and 128-bit keys (as pppd(8) says);
 *     {@code require-mppe-40} / {@code require-mppe-128}: MPPE required, adding that key length;
 *     {@code nomppe}: MPPE off (until a later {@code require-mppe*});
 *     {@code nomppe-40}, {@code nomppe-56}, {@code nomppe-128}: that key length is refused whatever the order;
 *     {@code mppe-stateful} / {@code nomppe-stateful}: stateful mode allowed / not (default not).</li>
 * <li>The old {@code mppe ITEM,ITEM...} form (pppd's MPPE patch before 2.4.3; dropped in pppd 2.5, still
 *     in OpenWrt configs): offers 40, 56 and 128 bits, then {@code required} requires MPPE, {@code no40},
 *     {@code no56}, {@code no128} refuse a length, {@code stateless} / {@code stateful} set the mode. So
 *     {@code mppe required,no40,no56,stateless} is MPPE-128 required. Without {@code required}, MPPE is
 *     offered but not required. Another item is an error.</li>
 * <li>MPPE keys come from MS-CHAP (RFC 3079): if MPPE was required only by the default and no MS-CHAP
 *     method is allowed (e.g. only {@code require-pap}), MPPE is not required, with a warning; if it was
 *     required by an option, that is an error. Required MPPE with every key length refused is an error
 *     ({@code no MPPE key length left}).</li>
 * <li>{@code mru N} (128..16384), {@code mtu N} (128..16384), {@code lcp-echo-interval N},
 *     {@code lcp-echo-failure N} (0 or more): the last one given.</li>
 * <li>{@code ms-dns A}, {@code ms-wins A}: IPv4 addresses, the first two in order (primary, secondary);
 *     more are ignored with a warning.</li>
 * <li>{@code name N}, {@code remotename N}: the last one given. {@code strip-domain}: on.</li>
 * </ul>
 * Other options do not change the policy.
 */
public record PppPolicy(
        List<AuthProtocol> authMethods,
        boolean requirePeerAuthentication,
        boolean mppeRequired,
        Set<MppeStrength> mppeStrengths,
        boolean mppeStatefulAllowed,
        int mru,
        int mtu,
        int lcpEchoInterval,
        int lcpEchoFailure,
        List<Inet4Address> dnsServers,
        List<Inet4Address> winsServers,
        Optional<String> name,
        Optional<String> remoteName,
        boolean stripDomain,
        List<String> warnings) {

    public static final int DEFAULT_MRU = 1500;
    public static final int DEFAULT_MTU = 1500;

    public PppPolicy {
        authMethods = List.copyOf(authMethods);
        if (authMethods.stream().distinct().count() != authMethods.size()) {
            throw new IllegalArgumentException("duplicate authentication method: " + authMethods);
        }
        if (requirePeerAuthentication && authMethods.isEmpty()) {
            throw new IllegalArgumentException("peer authentication required but no method allowed");
        }
        mppeStrengths = Set.copyOf(mppeStrengths);
        if (mppeRequired && mppeStrengths.isEmpty()) {
            throw new IllegalArgumentException("MPPE required but no key length allowed");
        }
        checkRange("mru", mru, 128, 16384);
        checkRange("mtu", mtu, 128, 16384);
        checkRange("lcpEchoInterval", lcpEchoInterval, 0, Integer.MAX_VALUE);
        checkRange("lcpEchoFailure", lcpEchoFailure, 0, Integer.MAX_VALUE);
        dnsServers = List.copyOf(dnsServers);
        winsServers = List.copyOf(winsServers);
        if (dnsServers.size() > 2 || winsServers.size() > 2) {
            throw new IllegalArgumentException("at most two DNS and two WINS servers");
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(remoteName, "remoteName");
        warnings = List.copyOf(warnings);
    }

    private static void checkRange(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + " must be " + min + ".." + max + ": " + value);
        }
    }

    /** The policy with no option given. */
    public static PppPolicy secureDefault() {
        return from(PppOptions.EMPTY);
    }

    /** True if the peer may authenticate with {@code method}. */
    public boolean allows(AuthProtocol method) {
        return authMethods.contains(method);
    }

    private enum Mppe { UNSET, OFF, OFFERED, REQUIRED }

    /** The policy the options give; see the class comment. Errors name the option's file, line and column. */
    public static PppPolicy from(PppOptions options) {
        boolean requirePeer = true;
        EnumSet<AuthProtocol> required = EnumSet.noneOf(AuthProtocol.class);
        EnumSet<AuthProtocol> refused = EnumSet.noneOf(AuthProtocol.class);
        Position lastAuthOption = null;
        Mppe mppe = Mppe.UNSET;
        Position mppeOption = null;
        EnumSet<MppeStrength> offered = EnumSet.noneOf(MppeStrength.class);
        EnumSet<MppeStrength> refusedStrengths = EnumSet.noneOf(MppeStrength.class);
        boolean stateful = false;
        int mru = DEFAULT_MRU;
        int mtu = DEFAULT_MTU;
        int echoInterval = 0;
        int echoFailure = 0;
        List<Inet4Address> dns = new ArrayList<>();
        List<Inet4Address> wins = new ArrayList<>();
        boolean stripDomain = false;
        List<String> warnings = new ArrayList<>();

        for (PppOption option : options.options()) {
            switch (option) {
                case PppOption.Flag(String name, Position at) -> {
                    switch (name) {
                        case "auth" -> requirePeer = true;
                        case "noauth" -> requirePeer = false;
                        case "strip-domain" -> stripDomain = true;
                        case "require-mppe" -> {
                            mppe = Mppe.REQUIRED;
                            mppeOption = at;
                            offered.add(MppeStrength.BITS_40);
                            offered.add(MppeStrength.BITS_128);
                        }
                        case "require-mppe-40" -> {
                            mppe = Mppe.REQUIRED;
                            mppeOption = at;
                            offered.add(MppeStrength.BITS_40);
                        }
                        case "require-mppe-128" -> {
                            mppe = Mppe.REQUIRED;
                            mppeOption = at;
                            offered.add(MppeStrength.BITS_128);
                        }
                        case "nomppe" -> {
                            mppe = Mppe.OFF;
                            offered.clear();
                        }
                        case "nomppe-40" -> refusedStrengths.add(MppeStrength.BITS_40);
                        case "nomppe-56" -> refusedStrengths.add(MppeStrength.BITS_56);
                        case "nomppe-128" -> refusedStrengths.add(MppeStrength.BITS_128);
                        case "mppe-stateful" -> stateful = true;
                        case "nomppe-stateful" -> stateful = false;
                        default -> {
                            for (AuthProtocol method : AuthProtocol.values()) {
                                if (name.equals("require-" + method.optionSuffix())) {
                                    required.add(method);
                                    lastAuthOption = at;
                                } else if (name.equals("refuse-" + method.optionSuffix())) {
                                    refused.add(method);
                                    lastAuthOption = at;
                                }
                            }
                        }
                    }
                }
                case PppOption.Valued(String name, String value, Position at) -> {
                    switch (name) {
                        case "mru" -> mru = integer(name, value, at, 128, 16384);
                        case "mtu" -> mtu = integer(name, value, at, 128, 16384);
                        case "lcp-echo-interval" -> echoInterval = integer(name, value, at, 0, Integer.MAX_VALUE);
                        case "lcp-echo-failure" -> echoFailure = integer(name, value, at, 0, Integer.MAX_VALUE);
                        case "ms-dns" -> addServer(dns, name, value, at, warnings);
                        case "ms-wins" -> addServer(wins, name, value, at, warnings);
                        case "mppe" -> {
                            boolean requiredItem = false;
                            offered.addAll(EnumSet.allOf(MppeStrength.class));
                            for (String item : value.split(",", -1)) {
                                switch (item) {
                                    case "required" -> requiredItem = true;
                                    case "no40" -> refusedStrengths.add(MppeStrength.BITS_40);
                                    case "no56" -> refusedStrengths.add(MppeStrength.BITS_56);
                                    case "no128" -> refusedStrengths.add(MppeStrength.BITS_128);
                                    case "stateless" -> stateful = false;
                                    case "stateful" -> stateful = true;
                                    default -> throw new PppConfigException(at, "unknown mppe item \"" + item
                                            + "\" (expected required, no40, no56, no128, stateless or stateful)");
                                }
                            }
                            mppeOption = at;
                            mppe = requiredItem ? Mppe.REQUIRED : Mppe.OFFERED;
                        }
                        default -> { } // name, remotename: read below; others change nothing
                    }
                }
                case PppOption.Speed s -> { }
                case PppOption.AddressPair a -> { }
                case PppOption.Unknown u -> { }
            }
        }

        List<AuthProtocol> methods = (required.isEmpty() ? EnumSet.of(AuthProtocol.MS_CHAP_V2) : required).stream()
                .filter(m -> !refused.contains(m))
                .sorted(AuthProtocol.PREFERENCE)
                .toList();
        if (requirePeer && methods.isEmpty()) {
            throw new PppConfigException(lastAuthOption, "no authentication method left");
        }
        boolean mschap = methods.stream().anyMatch(AuthProtocol::givesMppeKeys);

        boolean mppeRequired;
        EnumSet<MppeStrength> strengths;
        switch (mppe) {
            case UNSET -> {
                strengths = EnumSet.of(MppeStrength.BITS_128);
                strengths.removeAll(refusedStrengths);
                mppeRequired = mschap;
                if (!mschap) {
                    warnings.add("MPPE not required: its keys come from MS-CHAP or MS-CHAPv2, and "
                            + names(methods) + " allowed");
                }
            }
            case OFF -> {
                strengths = EnumSet.noneOf(MppeStrength.class);
                mppeRequired = false;
            }
            case OFFERED, REQUIRED -> {
                strengths = EnumSet.copyOf(offered);
                strengths.removeAll(refusedStrengths);
                mppeRequired = mppe == Mppe.REQUIRED;
                if (mppeRequired && !mschap) {
                    throw new PppConfigException(mppeOption, "MPPE needs MS-CHAP or MS-CHAPv2 authentication, but "
                            + names(methods) + " allowed");
                }
            }
            default -> throw new AssertionError(mppe);
        }
        if (mppeRequired && strengths.isEmpty()) {
            throw new PppConfigException(mppeOption != null ? mppeOption : lastRefusedStrength(options),
                    "no MPPE key length left");
        }
        return new PppPolicy(methods, requirePeer, mppeRequired, strengths, stateful, mru, mtu, echoInterval,
                echoFailure, dns, wins, options.name(), options.remoteName(), stripDomain, warnings);
    }

    private static Position lastRefusedStrength(PppOptions options) {
        Position at = null;
        for (PppOption option : options.options()) {
            if (option instanceof PppOption.Flag f && f.name().startsWith("nomppe-")) {
                at = f.position();
            }
        }
        return at;
    }

    private static String names(List<AuthProtocol> methods) {
        return methods.isEmpty() ? "no method is"
                : "only " + String.join(", ", methods.stream().map(Enum::name).toList()) + (methods.size() == 1 ? " is" : " are");
    }

    private static int integer(String name, String value, Position at, int min, int max) {
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        String range = max == Integer.MAX_VALUE ? min + " or more" : min + ".." + max;
        throw new PppConfigException(at, name + " needs a number " + range + ", found \"" + value + "\"");
    }

    private static void addServer(List<Inet4Address> servers, String name, String value, Position at,
            List<String> warnings) {
        Inet4Address address = Ipv4.parse(value)
                .orElseThrow(() -> new PppConfigException(at, name + " needs an IPv4 address, found \"" + value + "\""));
        if (servers.size() == 2) {
            warnings.add(at + ": more than two " + name + " options; " + value + " ignored");
        } else {
            servers.add(address);
        }
    }
}
