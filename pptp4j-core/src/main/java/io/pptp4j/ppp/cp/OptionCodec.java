package io.pptp4j.ppp.cp;

import io.pptp4j.wire.ByteReader;
import io.pptp4j.wire.ByteWriter;
import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.DecodeException;
import io.pptp4j.wire.DecodeMode;

/**
 * The Configuration Options of one control protocol (RFC 1661 section 6 layout: Type, Length, Data).
 * {@link CpCodec} reads Type and Length and hands the Data to {@link #decode}.
 */
public interface OptionCodec<O> {

    /**
     * Decodes one option's Data. {@code data} covers exactly Length - 2 bytes, with offsets counted from
     * the outermost buffer. An option type this protocol does not know is returned as its raw form
     * ({@link #unknown}) in either mode: unknown options are for the engine to Configure-Reject, not a
     * decoding error. A known option with a bad length is an error in strict mode and kept raw
     * ({@link #malformed}) in lenient mode.
     */
    O decode(int type, ByteReader data, DecodeMode mode) throws DecodeException;

    /** The option as its raw form, e.g. {@code LcpOption.Unknown(type, data)}. */
    O unknown(int type, Bytes data);

    /** A known option whose data did not decode, kept for analysis. */
    O malformed(int type, Bytes data, String reason);

    /** The option's Type octet. */
    int type(O option);

    /** Writes the option's Data only; the caller writes Type and Length. */
    void encodeData(O option, ByteWriter w);
}
