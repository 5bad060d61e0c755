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

/**
 * The Message of an MS-CHAP-V2 Success packet, RFC 2759 section 5:
 *
 * <pre>
 * S=&lt;auth_string&gt; M=&lt;message&gt;
 * </pre>
 *
 * where {@code auth_string} is the 20-octet AuthenticatorResponse as 40 hexadecimal digits, A-F upper
 * case. Windows RRAS sends {@code S=<auth_string>} alone, so a missing {@code M=} part is accepted in
 * either mode ({@link #message()} is then empty). {@link #text()} is the message as received (ISO-8859-1,
 * one char per octet); {@link #format()} is the RFC form of the fields.
 *
 * <p>Parse errors name the field and the character offset within the message, e.g.
 * {@code MS-CHAP-V2 Success: S= at offset 2: expected 40 upper-case hex digits, found "974E" (4 characters)}.
 * The strict parser also refuses lower-case hex digits and text after the auth string that is not
 * {@code M=}; the lenient one accepts both (the text stays in {@link #text()}).
 *
 * @param authenticatorResponse the 20 octets of {@code S=}
 * @param message the text after {@code M=}, if there was an {@code M=}
 * @param text the whole message text
 */
public record MsChapV2Success(Bytes authenticatorResponse, Optional<String> message, String text) {
    public static final int AUTHENTICATOR_RESPONSE_SIZE = 20;
    private static final String CONTEXT = "MS-CHAP-V2 Success";

    public MsChapV2Success {
        AuthCodecs.checkExact(authenticatorResponse, AUTHENTICATOR_RESPONSE_SIZE, "AuthenticatorResponse");
        Objects.requireNonNull(message, "message");
        MsChapValues.checkLatin1(Objects.requireNonNull(text, "text"), "text");
        Fields f;
        try {
            f = fields(text, DecodeMode.LENIENT);
        } catch (DecodeException e) {
            throw new IllegalArgumentException("text does not parse: " + e.getMessage(), e);
        }
        if (!f.authenticatorResponse.equals(authenticatorResponse) || !f.message.equals(message)) {
            throw new IllegalArgumentException("text \"" + text + "\" does not say S=" + authenticatorResponse.hex()
                    + " and M=" + message);
        }
    }

    /** {@code S=<auth_string> M=<message>}. */
    public static MsChapV2Success of(Bytes authenticatorResponse, String message) {
        return of(authenticatorResponse, Optional.of(message));
    }

    /** {@code S=<auth_string>} alone, as Windows RRAS sends it. */
    public static MsChapV2Success of(Bytes authenticatorResponse) {
        return of(authenticatorResponse, Optional.empty());
    }

    public static MsChapV2Success of(Bytes authenticatorResponse, Optional<String> message) {
        message.ifPresent(m -> MsChapValues.checkLatin1(m, "M="));
        return new MsChapV2Success(authenticatorResponse, message, format(authenticatorResponse, message));
    }

    /** Parses a Success packet's Message field. */
    public static MsChapV2Success parse(Bytes message, DecodeMode mode) throws DecodeException {
        return parse(message.latin1(), mode);
    }

    public static MsChapV2Success parse(String text, DecodeMode mode) throws DecodeException {
        Fields f = fields(text, mode);
        return new MsChapV2Success(f.authenticatorResponse, f.message, text);
    }

    /** The 40 upper-case hex digits of {@code S=}. */
    public String authString() { return MsChapValues.UPPER_HEX.formatHex(authenticatorResponse.toArray()); }

    /** The RFC form: {@code S=974E79C350CC7DC53FBC5F3A114C63B1EFA16E19 M=Access granted}. */
    public String format() { return format(authenticatorResponse, message); }

    /** {@link #text()} as the octets of a Success packet's Message field. */
    public Bytes toMessage() { return MsChapValues.latin1Bytes(text); }

    /** A CHAP Success packet carrying {@link #text()}. */
    public ChapPacket.Success toPacket(int identifier) { return new ChapPacket.Success(identifier, toMessage()); }

    private static String format(Bytes authenticatorResponse, Optional<String> message) {
        return "S=" + MsChapValues.UPPER_HEX.formatHex(authenticatorResponse.toArray()) + message.map(m -> " M=" + m).orElse("");
    }

    private record Fields(Bytes authenticatorResponse, Optional<String> message) {}

    private static Fields fields(String text, DecodeMode mode) throws DecodeException {
        int i = skipSpaces(text, 0);
        if (!text.startsWith("S=", i)) {
            throw error("S=", i, "\"S=\"", found(text.substring(i, tokenEnd(text, i))));
        }
        int start = i + 2;
        int end = tokenEnd(text, start);
        String auth = text.substring(start, end);
        if (auth.length() != 2 * AUTHENTICATOR_RESPONSE_SIZE || !MsChapValues.isHex(auth, mode.strict())) {
            throw error("S=", start, "40 upper-case hex digits", found(auth));
        }
        Bytes authenticatorResponse = Bytes.fromHex(auth);
        i = skipSpaces(text, end);
        Optional<String> message = Optional.empty();
        if (text.startsWith("M=", i)) {
            message = Optional.of(text.substring(i + 2));
        } else if (i < text.length() && mode.strict()) {
            throw error("M=", i, "\"M=\" or the end of the message", found(text.substring(i, tokenEnd(text, i))));
        }
        return new Fields(authenticatorResponse, message);
    }

    private static DecodeException error(String field, int offset, String expected, String found) {
        return new DecodeException(Layer.CHAP, CONTEXT, field, offset, expected, found);
    }
}
