package io.pptp4j.ppp.auth;

import static io.pptp4j.ppp.auth.AuthCodecs.checkCode;
import static io.pptp4j.ppp.auth.AuthCodecs.checkIdentifier;
import static io.pptp4j.ppp.auth.AuthCodecs.checkLength;

import io.pptp4j.wire.Bytes;
import java.util.Objects;

/** A PAP packet (RFC 1334 section 2.2); {@link PapCodec} draws the layouts. */
public sealed interface PapPacket {

    int identifier();

    /** The Code on the wire. */
    int code();

    /** The RFC's name for the code, or {@code Code 9}. */
    default String codeName() { return PapCode.describe(code()); }

    /**
     * RFC 1334 2.2.1: the peer's name and password in the clear. {@link #toString()} leaves the password
     * out so that it cannot reach a log by accident.
     */
    record AuthenticateRequest(int identifier, Bytes peerId, Bytes password) implements PapPacket {
        public AuthenticateRequest {
            checkIdentifier(identifier);
            checkLength(peerId, 0, 255, "Peer-ID");
            checkLength(password, 0, 255, "Password");
        }

        @Override
        public int code() { return PapCode.AUTHENTICATE_REQUEST.value(); }

        @Override
        public String toString() {
            return "AuthenticateRequest[identifier=" + identifier + ", peerId=" + peerId
                    + ", password=<redacted " + password.length() + " bytes>]";
        }
    }

    /** RFC 1334 2.2.2: the Peer-ID/Password pair was accepted; the message is for people only. */
    record AuthenticateAck(int identifier, Bytes message) implements PapPacket {
        public AuthenticateAck {
            checkIdentifier(identifier);
            checkLength(message, 0, 255, "Message");
        }

        @Override
        public int code() { return PapCode.AUTHENTICATE_ACK.value(); }
    }

    /** RFC 1334 2.2.2: the Peer-ID/Password pair was refused. */
    record AuthenticateNak(int identifier, Bytes message) implements PapPacket {
        public AuthenticateNak {
            checkIdentifier(identifier);
            checkLength(message, 0, 255, "Message");
        }

        @Override
        public int code() { return PapCode.AUTHENTICATE_NAK.value(); }
    }

    /** A code PAP does not define, kept by the lenient decoder with its Data. */
    record Unknown(int code, int identifier, Bytes data) implements PapPacket {
        public Unknown {
            checkCode(code);
            checkIdentifier(identifier);
            Objects.requireNonNull(data, "data");
            if (PapCode.of(code).isPresent()) {
                throw new IllegalArgumentException("PAP code " + code + " is known: " + PapCode.describe(code));
            }
        }
    }
}
