package io.pptp4j.linux.net;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Values of the IP_MTU_DISCOVER socket option (Linux ip(7)): who may fragment, and the DF bit. */
public enum PathMtuDiscovery {
    /** IP_PMTUDISC_DONT: DF clear, the kernel fragments. */
    DONT(0),
    /** IP_PMTUDISC_WANT: DF set unless the datagram exceeds the known path MTU, then fragmented. */
    WANT(1),
    /** IP_PMTUDISC_DO: DF set, larger than the path MTU gives EMSGSIZE. */
    DO(2),
    /** IP_PMTUDISC_PROBE: DF set, the path MTU is ignored. */
    PROBE(3),
    /** IP_PMTUDISC_INTERFACE: the interface MTU is used, DF set. */
    INTERFACE(4),
    /** IP_PMTUDISC_OMIT: as INTERFACE, DF clear. */
    OMIT(5);

    private static final Map<Integer, PathMtuDiscovery> BY_VALUE = new HashMap<>();

    static {
        for (PathMtuDiscovery p : values()) {
            if (BY_VALUE.put(p.value, p) != null) {
                throw new ExceptionInInitializerError("two IP_MTU_DISCOVER modes share " + p.value);
            }
        }
    }

    private final int value;

    PathMtuDiscovery(int value) {
        this.value = value;
    }

    public int value() { return value; }

    public static Optional<PathMtuDiscovery> of(int value) { return Optional.ofNullable(BY_VALUE.get(value)); }
}
