package io.pptp4j.ppp.options;

import java.util.Objects;

/** One option of a pppd options file or argument list, with where it was written. */
public sealed interface PppOption {
    Position position();

    /** An option without a value: {@code local}, {@code require-mschap-v2}, {@code lock}. */
    record Flag(String name, Position position) implements PppOption {
        public Flag {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(position, "position");
        }
    }

    /** An option and its one value: {@code name pptpd}, {@code ms-dns 192.0.2.53}, {@code mppe required,no40}. */
    record Valued(String name, String value, Position position) implements PppOption {
        public Valued {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(position, "position");
        }
    }

    /** A bare number: the serial line speed ({@code 115200}), which pptpd passes and we ignore. */
    record Speed(int bitsPerSecond, Position position) implements PppOption {
        public Speed {
            if (bitsPerSecond <= 0) {
                throw new IllegalArgumentException("speed must be positive: " + bitsPerSecond);
            }
            Objects.requireNonNull(position, "position");
        }
    }

    /**
     * {@code local:remote} IP addresses; either side may be empty ({@code 10.0.0.1:}, {@code :10.0.0.2}).
     * Kept as written: pppd also accepts host names here, which a pure parser does not resolve.
     */
    record AddressPair(String local, String remote, Position position) implements PppOption {
        public AddressPair {
            Objects.requireNonNull(local, "local");
            Objects.requireNonNull(remote, "remote");
            Objects.requireNonNull(position, "position");
        }
    }

    /**
     * A word that is none of the options we know. We cannot know whether pppd would take the next word
     * as its value, so the next word is read as an option of its own (and is usually unknown too).
     */
    record Unknown(String name, Position position) implements PppOption {
        public Unknown {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(position, "position");
        }
    }
}
