package io.pptp4j.scan;

import java.net.InetAddress;
import java.util.List;

/** Addresses never to touch ({@code --exclude}, {@code --exclude-file}): blocks and single addresses. */
public record Exclusions(List<TargetSpec.Block> blocks) {
    public static final Exclusions NONE = new Exclusions(List.of());

    public Exclusions {
        blocks = List.copyOf(blocks);
    }

    /** From parsed specs; a host name must be resolved first, by the caller, into its addresses. */
    public static Exclusions of(List<? extends TargetSpec> specs) {
        return new Exclusions(specs.stream().map(s -> switch (s) {
            case TargetSpec.Address a -> TargetSpec.Block.containing(a.address(), a.address().getAddress().length * 8);
            case TargetSpec.Block b -> b;
            case TargetSpec.HostName h -> throw new IllegalArgumentException(
                    "exclusion '" + h.name() + "' is a host name: resolve it to addresses first");
        }).toList());
    }

    public boolean excludes(InetAddress a) {
        for (TargetSpec.Block b : blocks) {
            if (b.contains(a)) return true;
        }
        return false;
    }
}
