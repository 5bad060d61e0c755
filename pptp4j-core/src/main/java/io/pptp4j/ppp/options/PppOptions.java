package io.pptp4j.ppp.options;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The options read from pppd options files and argument lists, in the order pppd would apply them
 * (an included {@code file} is expanded where it was named), and the warnings for options that have no
 * effect in pptp4j or that we do not know. {@link PppPolicy#from(PppOptions)} turns them into a policy.
 */
public record PppOptions(List<PppOption> options, List<String> warnings) {
    public static final PppOptions EMPTY = new PppOptions(List.of(), List.of());

    public PppOptions {
        options = List.copyOf(Objects.requireNonNull(options, "options"));
        warnings = List.copyOf(Objects.requireNonNull(warnings, "warnings"));
    }

    /** The options after this one's, e.g. a command line after its options files. */
    public PppOptions plus(PppOptions later) {
        return new PppOptions(
                java.util.stream.Stream.concat(options.stream(), later.options.stream()).toList(),
                java.util.stream.Stream.concat(warnings.stream(), later.warnings.stream()).toList());
    }

    /** True if the flag option {@code name} was given. */
    public boolean has(String name) {
        return options.stream().anyMatch(o -> o instanceof PppOption.Flag f && f.name().equals(name));
    }

    /** Every value given to the option {@code name}, in order. */
    public List<String> values(String name) {
        return options.stream()
                .filter(o -> o instanceof PppOption.Valued v && v.name().equals(name))
                .map(o -> ((PppOption.Valued) o).value())
                .toList();
    }

    /** The last value given to {@code name}: as in pppd, a later string option replaces an earlier one. */
    public Optional<String> last(String name) {
        List<String> values = values(name);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.getLast());
    }

    public List<PppOption.Unknown> unknown() {
        return options.stream().filter(o -> o instanceof PppOption.Unknown).map(o -> (PppOption.Unknown) o).toList();
    }

    public boolean local() {
        return has("local");
    }

    public OptionalInt speed() {
        return options.stream().filter(o -> o instanceof PppOption.Speed)
                .mapToInt(o -> ((PppOption.Speed) o).bitsPerSecond()).reduce((a, b) -> b);
    }

    public Optional<PppOption.AddressPair> addresses() {
        return options.stream().filter(o -> o instanceof PppOption.AddressPair)
                .map(o -> (PppOption.AddressPair) o).reduce((a, b) -> b);
    }

    public Optional<String> ipparam() {
        return last("ipparam");
    }

    public Optional<String> remoteNumber() {
        return last("remotenumber");
    }

    public Optional<String> name() {
        return last("name");
    }

    public Optional<String> remoteName() {
        return last("remotename");
    }

    public List<String> plugins() {
        return values("plugin");
    }

    /** The files named by {@code file} options, whether or not they were followed. */
    public List<String> files() {
        return values("file");
    }
}
