package io.pptp4j.ppp.cbcp;

import io.pptp4j.wire.Bytes;
import java.util.List;
import java.util.Objects;

/**
 * A Callback Configuration Option ([MS-CBCP] 2.2.3); {@link CbcpCodec} draws the layout. Options 2, 3
 * and 4 share one shape: a Callback Delay in seconds and zero or more addresses (a Request offers type 2
 * with one empty address and type 3 with none; a Response to type 2 carries the number to call).
 */
public sealed interface CbcpOption {

    /** The option's Type octet. */
    int type();

    /** The type's name. */
    default String typeName() { return CbcpOptionType.describe(type()); }

    /** Type 1: no callback; Length 2. */
    record NoCallback() implements CbcpOption {
        @Override
        public int type() { return CbcpOptionType.NO_CALLBACK.value(); }
    }

    /** Type 2: call the caller back at the number it gives. */
    record UserSpecifiedNumber(int delay, List<CbcpAddress> addresses) implements CbcpOption {
        public UserSpecifiedNumber { addresses = checked(delay, addresses); }

        @Override
        public int type() { return CbcpOptionType.USER_SPECIFIED_NUMBER.value(); }
    }

    /** Type 3: call the caller back at the number the answerer has configured for it. */
    record PreSpecifiedNumber(int delay, List<CbcpAddress> addresses) implements CbcpOption {
        public PreSpecifiedNumber { addresses = checked(delay, addresses); }

        @Override
        public int type() { return CbcpOptionType.PRE_SPECIFIED_NUMBER.value(); }
    }

    /** Type 4: call the caller back at any of the numbers listed. */
    record AnyOfList(int delay, List<CbcpAddress> addresses) implements CbcpOption {
        public AnyOfList { addresses = checked(delay, addresses); }

        @Override
        public int type() { return CbcpOptionType.ANY_OF_LIST.value(); }
    }

    /** A type not listed in {@link CbcpOptionType}, kept raw in either mode. */
    record Unknown(int type, Bytes data) implements CbcpOption {
        public Unknown {
            checkType(type);
            Objects.requireNonNull(data, "data");
            if (CbcpOptionType.of(type).isPresent()) {
                throw new IllegalArgumentException("CBCP option type " + type + " is known: " + CbcpOptionType.describe(type));
            }
        }
    }

    /** A known option whose data did not decode, kept raw by the lenient decoder with the reason. */
    record Malformed(int type, Bytes data, String reason) implements CbcpOption {
        public Malformed {
            checkType(type);
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(reason, "reason");
        }
    }

    private static List<CbcpAddress> checked(int delay, List<CbcpAddress> addresses) {
        if (delay < 0 || delay > 255) {
            throw new IllegalArgumentException("Callback Delay " + delay + " is not one octet");
        }
        return List.copyOf(addresses);
    }

    private static void checkType(int type) {
        if (type < 0 || type > 255) {
            throw new IllegalArgumentException("Type " + type + " is not one octet");
        }
    }
}
