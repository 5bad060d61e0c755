package io.pptp4j.ppp.cbcp;

import io.pptp4j.wire.Bytes;
import java.util.List;
import java.util.Objects;

/** A CBCP packet ([MS-CBCP] 2.2.4); {@link CbcpCodec} draws the layout. */
public sealed interface CbcpPacket {

    int identifier();

    /** The Code on the wire. */
    int code();

    /** The code's name, or {@code Code 9}. */
    default String codeName() { return CbcpCode.describe(code()); }

    /** Code 1, answerer to caller: the callback options the caller may choose from. */
    record CallbackRequest(int identifier, List<CbcpOption> options) implements CbcpPacket {
        public CallbackRequest { checkIdentifier(identifier); options = List.copyOf(options); }

        @Override
        public int code() { return CbcpCode.CALLBACK_REQUEST.value(); }
    }

    /** Code 2, caller to answerer: the option chosen, with the Request's Identifier. */
    record CallbackResponse(int identifier, List<CbcpOption> options) implements CbcpPacket {
        public CallbackResponse { checkIdentifier(identifier); options = List.copyOf(options); }

        @Override
        public int code() { return CbcpCode.CALLBACK_RESPONSE.value(); }
    }

    /** Code 3, answerer to caller: the chosen option, acknowledged. */
    record CallbackAck(int identifier, List<CbcpOption> options) implements CbcpPacket {
        public CallbackAck { checkIdentifier(identifier); options = List.copyOf(options); }

        @Override
        public int code() { return CbcpCode.CALLBACK_ACK.value(); }
    }

    /** A code CBCP does not define, kept by the lenient decoder with its Data. */
    record Unknown(int code, int identifier, Bytes data) implements CbcpPacket {
        public Unknown {
            if (code < 0 || code > 255) {
                throw new IllegalArgumentException("Code " + code + " is not one octet");
            }
            checkIdentifier(identifier);
            Objects.requireNonNull(data, "data");
            if (CbcpCode.of(code).isPresent()) {
                throw new IllegalArgumentException("CBCP code " + code + " is known: " + CbcpCode.describe(code));
            }
        }
    }

    private static void checkIdentifier(int identifier) {
        if (identifier < 0 || identifier > 255) {
            throw new IllegalArgumentException("Identifier " + identifier + " is not one octet");
        }
    }
}
