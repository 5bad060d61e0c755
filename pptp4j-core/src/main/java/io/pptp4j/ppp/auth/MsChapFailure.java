package io.pptp4j.ppp.auth;

import static io.pptp4j.ppp.auth.MsChapValues.found;
import static io.pptp4j.ppp.auth.MsChapValues.skipSpaces;
import static io.pptp4j.ppp.auth.MsChapValues.tokenEnd;

import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.DecodeException;
import io.pptp4j.wire.DecodeMode;
import io.pptp4j.wire.Layer;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The Message of an MS-CHAP Failure packet, RFC 2433 section 8 and RFC 2759 section 6:
 *
 * <pre>
 * E=eeeeeeeeee R=r C=cccccccccccccccccccccccccccccccc V=vvvvvvvvvv M=&lt;msg&gt;
 * </pre>
 *
 * <ul>
 * <li>{@code E=} decimal error code ({@link MsChapError} lists the known ones; others are kept);</li>
 * <li>{@code R=} 1 if the peer may retry, 0 if not;</li>
 * <li>{@code C=} the next challenge in hex: 32 digits (16 octets) for MS-CHAP-V2, where it MUST be there,
 *     16 digits (8 octets) for MS-CHAP, where it is optional;</li>
 * <li>{@code V=} decimal password-change protocol version (3 for MS-CHAP-V2; 1 is assumed if missing);</li>
 * <li>{@code M=} human-readable text, running to the end of the message.</li>
 * </ul>
 *
 * The parser takes E, R, C and V in any order, separated by one or more spaces, ignores fields it does
 * not know (RFC 2433 8: "accept but ignore additional text") and reads everything after {@code M=} as
 * the text. {@code E=} is required; the strict parser also requires {@code R=}, the lenient one reads a
 * missing {@code R=} as 0. Errors name the field and the character offset within the message, e.g.
 * {@code MS-CHAP Failure: C= at offset 12: expected 16 or 32 hex digits, found "ABC" (3 characters)}.
 *
 * @param errorCode the {@code E=} value
 * @param retry the {@code R=} flag
 * @param challenge the {@code C=} octets, 8 or 16
 * @param version the {@code V=} value
 * @param message the text after {@code M=}
 * @param text the whole message text as received (ISO-8859-1, one char per octet)
 */
public record MsChapFailure(int errorCode, boolean retry, Optional<Bytes> challenge, OptionalInt version,
                            Optional<String> message, String text) {
    /** The {@code V=} value MS-CHAP-V2 authenticators send (RFC 2759 6). */
    public static final int MS_CHAP_V2_VERSION = 3;
    private static final String CONTEXT = "MS-CHAP Failure";

    public MsChapFailure {
        if (errorCode < 0) {
            throw new IllegalArgumentException("E= " + errorCode + " is negative");
        }
        Objects.requireNonNull(challenge, "challenge");
        challenge.ifPresent(c -> {
            if (c.length() != ChapValueSizes.MS_CHAP_CHALLENGE_SIZE && c.length() != ChapValueSizes.MS_CHAP_V2_CHALLENGE_SIZE) {
                throw new IllegalArgumentException("C= is " + c.length() + " octets; it must be 8 or 16");
            }
        });
        Objects.requireNonNull(version, "version");
        if (version.isPresent() && version.getAsInt() < 0) {
            throw new IllegalArgumentException("V= " + version.getAsInt() + " is negative");
        }
        Objects.requireNonNull(message, "message");
        MsChapValues.checkLatin1(Objects.requireNonNull(text, "text"), "text");
        Fields f;
        try {
            f = fields(text, DecodeMode.LENIENT);
        } catch (DecodeException e) {
            throw new IllegalArgumentException("text does not parse: " + e.getMessage(), e);
        }
        if (f.errorCode != errorCode || f.retry != retry || !f.challenge.equals(challenge)
                || !f.version.equals(version) || !f.message.equals(message)) {
            throw new IllegalArgumentException("text \"" + text + "\" does not say what the fields say: "
                    + format(errorCode, retry, challenge, version, message));
        }
    }

    /** The RFC form of the given fields; absent fields are left out. */
    public static MsChapFailure of(int errorCode, boolean retry, Optional<Bytes> challenge, OptionalInt version,
                                   Optional<String> message) {
        message.ifPresent(m -> MsChapValues.checkLatin1(m, "M="));
        return new MsChapFailure(errorCode, retry, challenge, version, message,
                format(errorCode, retry, challenge, version, message));
    }

    /** The MS-CHAP-V2 form: {@code E=691 R=1 C=<32 hex> V=3 M=Authentication failed}. */
    public static MsChapFailure of(int errorCode, boolean retry, Bytes challenge, int version, String message) {
        return of(errorCode, retry, Optional.of(challenge), OptionalInt.of(version), Optional.of(message));
    }

    /** The short MS-CHAP form: {@code E=691 R=1}. */
    public static MsChapFailure of(int errorCode, boolean retry) {
        return of(errorCode, retry, Optional.empty(), OptionalInt.empty(), Optional.empty());
    }

    /** Parses a Failure packet's Message field. */
    public static MsChapFailure parse(Bytes message, DecodeMode mode) throws DecodeException {
        return parse(message.latin1(), mode);
    }

    public static MsChapFailure parse(String text, DecodeMode mode) throws DecodeException {
        Fields f = fields(text, mode);
        return new MsChapFailure(f.errorCode, f.retry, f.challenge, f.version, f.message, text);
    }

    /** The error as a known code, if it is one. */
    public Optional<MsChapError> error() { return MsChapError.of(errorCode); }

    /** The RFC form of the fields, e.g. {@code E=691 R=1 C=<32 upper-case hex> V=3 M=Authentication failed}. */
    public String format() { return format(errorCode, retry, challenge, version, message); }

    /** {@link #text()} as the octets of a Failure packet's Message field. */
    public Bytes toMessage() { return MsChapValues.latin1Bytes(text); }

    /** A CHAP Failure packet carrying {@link #text()}. */
    public ChapPacket.Failure toPacket(int identifier) { return new ChapPacket.Failure(identifier, toMessage()); }

    private static String format(int errorCode, boolean retry, Optional<Bytes> challenge, OptionalInt version,
                                 Optional<String> message) {
        StringBuilder sb = new StringBuilder();
        sb.append("E=").append(errorCode).append(" R=").append(retry ? '1' : '0');
        challenge.ifPresent(c -> sb.append(" C=").append(MsChapValues.UPPER_HEX.formatHex(c.toArray())));
        version.ifPresent(v -> sb.append(" V=").append(v));
        message.ifPresent(m -> sb.append(" M=").append(m));
        return sb.toString();
    }

    private record Fields(int errorCode, boolean retry, Optional<Bytes> challenge, OptionalInt version,
                          Optional<String> message) {}

    private static Fields fields(String text, DecodeMode mode) throws DecodeException {
        Integer errorCode = null;
        Boolean retry = null;
        Optional<Bytes> challenge = Optional.empty();
        OptionalInt version = OptionalInt.empty();
        Optional<String> message = Optional.empty();
        int i = 0;
        while (true) {
            i = skipSpaces(text, i);
            if (i >= text.length()) {
                break;
            }
            if (text.startsWith("M=", i)) {
                message = Optional.of(text.substring(i + 2));
                break;
            }
            int end = tokenEnd(text, i);
            int valueOffset = i + 2;
            String key = end - i >= 2 && text.charAt(i + 1) == '=' ? text.substring(i, i + 2) : "";
            String value = key.isEmpty() ? "" : text.substring(valueOffset, end);
            switch (key) {
                case "E=" -> {
                    if (errorCode != null) throw duplicate("E=", i);
                    errorCode = decimal(value, "E=", valueOffset, "a decimal error code");
                }
                case "R=" -> {
                    if (retry != null) throw duplicate("R=", i);
                    if (!value.equals("0") && !value.equals("1")) {
                        throw error("R=", valueOffset, "0 or 1", found(value));
                    }
                    retry = value.equals("1");
                }
                case "C=" -> {
                    if (challenge.isPresent()) throw duplicate("C=", i);
                    if ((value.length() != 16 && value.length() != 32) || !MsChapValues.isHex(value, false)) {
                        throw error("C=", valueOffset, "16 or 32 hex digits", found(value));
                    }
                    challenge = Optional.of(Bytes.fromHex(value));
                }
                case "V=" -> {
                    if (version.isPresent()) throw duplicate("V=", i);
                    version = OptionalInt.of(decimal(value, "V=", valueOffset, "a decimal version"));
                }
                default -> { } // RFC 2433 8: additional text is accepted and ignored
            }
            i = end;
        }
        if (errorCode == null) {
            throw error("E=", 0, "an E= field", "none");
        }
        if (retry == null) {
            if (mode.strict()) {
                throw error("R=", 0, "an R= field", "none");
            }
            retry = false;
        }
        return new Fields(errorCode, retry, challenge, version, message);
    }

    private static int decimal(String value, String field, int offset, String expected) throws DecodeException {
        // RFC 2433 8 draws ten digits ("eeeeeeeeee") but says they "need not be 10 digits"
        if (value.isEmpty() || value.length() > 10 || !value.chars().allMatch(c -> c >= '0' && c <= '9')
                || Long.parseLong(value) > Integer.MAX_VALUE) {
            throw error(field, offset, expected, found(value));
        }
        return Integer.parseInt(value);
    }

    private static DecodeException duplicate(String field, int offset) {
        return error(field, offset, "one " + field + " field", "a second");
    }

    private static DecodeException error(String field, int offset, String expected, String found) {
        return new DecodeException(Layer.CHAP, CONTEXT, field, offset, expected, found);
    }
}
