package io.pptp4j.ppp.auth;

import static io.pptp4j.ppp.auth.AuthCodecs.checkCode;
import static io.pptp4j.ppp.auth.AuthCodecs.checkIdentifier;

import io.pptp4j.wire.Bytes;
import java.util.Objects;
import java.util.Optional;

/** An EAP packet (RFC 2284 section 2.2); {@link EapCodec} draws the layouts. */
public sealed interface EapPacket {

    int identifier();

    /** The Code on the wire. */
    int code();

    /** The RFC's name for the code, or {@code Code 9}. */
    default String codeName() { return EapCode.describe(code()); }

    /** RFC 2284 2.2.1: what the authenticator asks for ({@link EapType}) and the type's data. */
    record Request(int identifier, int type, Bytes typeData) implements EapPacket {
        public Request {
            checkIdentifier(identifier);
            checkType(type);
            Objects.requireNonNull(typeData, "Type-Data");
        }

        @Override
        public int code() { return EapCode.REQUEST.value(); }

        public Optional<EapType> eapType() { return EapType.of(type); }
    }

    /** RFC 2284 2.2.1: the peer's answer, of the Request's type or a Nak (3) naming another. */
    record Response(int identifier, int type, Bytes typeData) implements EapPacket {
        public Response {
            checkIdentifier(identifier);
            checkType(type);
            Objects.requireNonNull(typeData, "Type-Data");
        }

        @Override
        public int code() { return EapCode.RESPONSE.value(); }

        public Optional<EapType> eapType() { return EapType.of(type); }
    }

    /** RFC 2284 2.2.2: Length 4, no data. */
    record Success(int identifier) implements EapPacket {
        public Success { checkIdentifier(identifier); }

        @Override
        public int code() { return EapCode.SUCCESS.value(); }
    }

    /** RFC 2284 2.2.2: Length 4, no data. */
    record Failure(int identifier) implements EapPacket {
        public Failure { checkIdentifier(identifier); }

        @Override
        public int code() { return EapCode.FAILURE.value(); }
    }

    /** A code RFC 2284 does not define, kept by the lenient decoder with its Data. */
    record Unknown(int code, int identifier, Bytes data) implements EapPacket {
        public Unknown {
            checkCode(code);
            checkIdentifier(identifier);
            Objects.requireNonNull(data, "data");
            if (EapCode.of(code).isPresent()) {
                throw new IllegalArgumentException("EAP code " + code + " is known: " + EapCode.describe(code));
            }
        }
    }

    private static void checkType(int type) {
        if (type < 0 || type > 255) {
            throw new IllegalArgumentException("Type " + type + " is not one octet");
        }
    }
}
