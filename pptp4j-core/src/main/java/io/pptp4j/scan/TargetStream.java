package io.pptp4j.scan;

import java.net.InetAddress;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The targets of a scan, made one at a time from the specs (which may themselves come lazily from a
 * file): every address of every spec, each on every port, less the exclusions. Holds one block's
 * position and one name's addresses at a time, whatever the size of the ranges.
 */
public final class TargetStream implements Iterator<Target> {

    /** Resolves a host name; throws {@link java.net.UnknownHostException} (or any IOException) when it cannot. */
    @FunctionalInterface
    public interface Resolver {
        List<InetAddress> resolve(String name) throws java.io.IOException;
    }

    private final Iterator<? extends TargetSpec> specs;
    private final PortList ports;
    private final Exclusions exclusions;
    private final Resolver resolver;

    private Iterator<InetAddress> addresses = Collections.emptyIterator();
    private String currentName;
    private InetAddress address;
    private int portIndex;
    private Target pending;
    private long excluded;

    public TargetStream(Iterator<? extends TargetSpec> specs, PortList ports, Exclusions exclusions, Resolver resolver) {
        this.specs = specs;
        this.ports = ports;
        this.exclusions = exclusions;
        this.resolver = resolver;
    }

    /** Addresses skipped so far because an exclusion held them (counted once per address, not per port). */
    public long excluded() { return excluded; }

    @Override
    public boolean hasNext() {
        while (pending == null) {
            if (address != null && portIndex < ports.size()) {
                pending = new Target(address, ports.ports().get(portIndex++), currentName, null);
            } else if (addresses.hasNext()) {
                address = addresses.next();
                portIndex = 0;
                if (exclusions.excludes(address)) {
                    excluded++;
                    address = null;
                }
            } else if (specs.hasNext()) {
                address = null;
                TargetSpec spec = specs.next();
                currentName = null;
                switch (spec) {
                    case TargetSpec.Address a -> addresses = List.of(a.address()).iterator();
                    case TargetSpec.Block b -> addresses = b.addresses();
                    case TargetSpec.HostName h -> {
                        currentName = h.name();
                        try {
                            addresses = resolver.resolve(h.name()).iterator();
                        } catch (java.io.IOException e) {
                            addresses = Collections.emptyIterator();
                            // one unresolved target per port would repeat the same line: report it once
                            pending = new Target(null, ports.ports().getFirst(), h.name(),
                                    "cannot resolve " + h.name() + (e.getMessage() != null && !e.getMessage().equals(h.name())
                                            ? ": " + e.getMessage() : ""));
                        }
                    }
                }
            } else {
                return false;
            }
        }
        return true;
    }

    @Override
    public Target next() {
        if (!hasNext()) throw new NoSuchElementException();
        Target t = pending;
        pending = null;
        return t;
    }
}
