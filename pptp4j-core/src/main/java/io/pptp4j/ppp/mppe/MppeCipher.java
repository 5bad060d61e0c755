package io.pptp4j.ppp.mppe;

import io.pptp4j.ppp.mschap.MppeKeys;
import io.pptp4j.wire.Bytes;
import java.util.Arrays;
import java.util.Objects;

/**
 * One direction of MPPE encryption (RFC 3078): the start key, the current session key, the RC4 state and
 * the 12-bit coherency count. Make one for sending ({@link #encrypt}) and one for receiving
 * ({@link #decrypt}); the start keys come from {@link io.pptp4j.ppp.mschap.MppeSessionKeys}.
 *
 * <ul>
 * <li>Initial session key: GetNewKeyFromSHA(StartKey, StartKey), reduced to 40 or 56 bits (RFC 3079 3).</li>
 * <li>Stateless mode (H bit, RFC 3078 7.1, 8.1): a key change before every packet, so the packet with
 *     count c uses the key after c + 1 changes and a fresh RC4 state; FLUSHED is set on every packet; the
 *     receiver makes as many key changes as the count moved.</li>
 * <li>Stateful mode (RFC 3078 7.2, 8.2): one RC4 stream across packets, a key change before each "flag"
 *     packet (low octet of the count 0xFF); on a lost packet the receiver asks for a CCP Reset-Request and
 *     drops packets until one has FLUSHED set; the sender, told of the Reset-Request
 *     ({@link #resetRequested}), re-initializes RC4 with the current session key and sets FLUSHED on its
 *     next packet.</li>
 * </ul>
 *
 * <p>Two forms of each operation: {@link #encrypt}/{@link #decrypt} on values, and
 * {@link #encryptInPlace}/{@link #decryptInPlace} on a caller's buffer for the data path, which allocate
 * nothing (a key change included: {@link Rc4}, a digest into a kept array).
 *
 * <p>Not thread-safe.
 */
public final class MppeCipher {
    private static final int COUNT_SPACE = MppeHeader.COHERENCY_COUNT_MASK + 1;

    /** What {@link #decryptInPlace} did with a packet. */
    public enum Outcome {
        /** Decrypted in place: the caller's buffer holds the inner Protocol field and Information. */
        PLAIN,
        /** Stateful mode lost sync (RFC 3078 8.2): dropped, and the caller MUST send a CCP Reset-Request. */
        NEEDS_RESET,
        /** Dropped without a Reset-Request ({@link #problem()} says why). */
        DROPPED
    }

    private final byte[] startKey;
    private final byte[] sessionKey;
    private final int bits;
    private final boolean stateless;
    private final Rc4 rc4 = new Rc4();
    /** Reused for every key change (stateless mode: every packet). */
    private final java.security.MessageDigest sha1 = MppeKeys.newSha1();
    private final byte[] digest = new byte[MppeKeys.SHA1_LENGTH];
    /** The count of the last packet sent or received; 4095 before the first, so that it is 0. */
    private int count = COUNT_SPACE - 1;
    private boolean flushNext;
    private boolean awaitingFlushed;
    private String problem = "";

    private MppeCipher(Bytes startKey, int bits, boolean stateless) {
        int length = MppeKeys.keyLength(bits);
        if (startKey.length() != length) {
            throw new IllegalArgumentException(bits + "-bit MPPE start keys are " + length + " octets, not "
                    + startKey.length());
        }
        this.startKey = startKey.toArray();
        this.bits = bits;
        this.stateless = stateless;
        this.sessionKey = MppeKeys.initialSessionKey(startKey, bits).toArray();
        rc4.setKey(sessionKey, 0, sessionKey.length);
    }

    /**
     * A cipher for one direction.
     *
     * @param startKey the direction's start key, 8 octets for 40 and 56 bits, 16 for 128
     * @param bits 40, 56 or 128
     * @param stateless whether the H bit was negotiated
     */
    public static MppeCipher of(Bytes startKey, int bits, boolean stateless) {
        return new MppeCipher(Objects.requireNonNull(startKey, "startKey"), bits, stateless);
    }

    public int bits() { return bits; }

    public boolean stateless() { return stateless; }

    /** The coherency count of the last packet sent or received (4095 before the first). */
    public int coherencyCount() { return count; }

    /** Encrypts a PPP Protocol field and Information (protocol 0x0021 to 0x00FA) into the next MPPE packet. */
    public MppePacket encrypt(Bytes protocolAndPayload) {
        byte[] data = protocolAndPayload.toArray();
        int header = encryptInPlace(data, 0, data.length);
        return new MppePacket(MppeHeader.of(header), Bytes.wrap(data));
    }

    /**
     * Encrypts {@code buf[off, off + len)}, a PPP Protocol field and Information, in place as the next
     * MPPE packet, and returns the 16-bit MPPE header to send before it (RFC 3078 3.1).
     */
    public int encryptInPlace(byte[] buf, int off, int len) {
        count = (count + 1) % COUNT_SPACE;
        boolean flushed = stateless;
        if (stateless || (count & 0xFF) == 0xFF) {
            changeKey();
        }
        if (flushNext) {
            if (!stateless) {
                // RFC 3078 8.2: after a Reset-Request, restart RC4 from the current session key
                rc4.setKey(sessionKey, 0, sessionKey.length);
            }
            flushed = true;
            flushNext = false;
        }
        rc4.process(buf, off, len);
        return (flushed ? MppeHeader.FLUSHED : 0) | MppeHeader.ENCRYPTED | count;
    }

    /** RFC 3078 8.2: the peer sent a CCP Reset-Request; the next packet restarts RC4 and carries FLUSHED. */
    public void resetRequested() { flushNext = true; }

    /** Decrypts a received MPPE packet, keeping in step with the sender's key changes. */
    public MppeDecryptResult decrypt(MppePacket packet) {
        byte[] data = packet.payload().toArray();
        return switch (decryptInPlace(packet.header().value(), data, 0, data.length)) {
            case PLAIN -> new MppeDecryptResult.Plain(Bytes.wrap(data));
            case NEEDS_RESET -> new MppeDecryptResult.NeedsReset(problem);
            case DROPPED -> new MppeDecryptResult.Dropped(problem);
        };
    }

    /**
     * Decrypts {@code buf[off, off + len)}, the data of an MPPE packet whose 16-bit header is
     * {@code header}, in place, keeping in step with the sender's key changes. Nothing is allocated
     * unless the packet is refused ({@link #problem()}).
     */
    public Outcome decryptInPlace(int header, byte[] buf, int off, int len) {
        if ((header & MppeHeader.ENCRYPTED) == 0) {
            return drop("bit D clear: not an encrypted packet");
        }
        int c = header & MppeHeader.COHERENCY_COUNT_MASK;
        boolean flushed = (header & MppeHeader.FLUSHED) != 0;
        int ahead = Math.floorMod(c - count, COUNT_SPACE);
        return stateless ? decryptStateless(flushed, c, ahead, buf, off, len)
                : decryptStateful(flushed, c, ahead, buf, off, len);
    }

    /** Why the last packet {@link #decryptInPlace} did not decrypt was refused; empty before any. */
    public String problem() { return problem; }

    private Outcome decryptStateless(boolean flushed, int c, int ahead, byte[] buf, int off, int len) {
        if (!flushed) {
            return drop("FLUSHED bit clear in stateless mode, count " + c);
        }
        if (ahead == 0 || ahead > COUNT_SPACE / 2) {
            // a repeated or late packet: its key is behind ours and keys only go forward
            return drop("coherency count " + c + " is not after " + count);
        }
        for (int i = 0; i < ahead; i++) {
            changeKey();
        }
        count = c;
        rc4.process(buf, off, len);
        return Outcome.PLAIN;
    }

    private Outcome decryptStateful(boolean flushed, int c, int ahead, byte[] buf, int off, int len) {
        if (ahead == 0) {
            return drop("coherency count " + c + " repeated");
        }
        // the sender changed keys before every flag packet between ours and this one, lost or not
        int flags = flagPacketsCrossed(count, ahead);
        for (int i = 0; i < flags; i++) {
            changeKey();
        }
        int expected = (count + 1) % COUNT_SPACE;
        count = c;
        if (flushed) {
            rc4.setKey(sessionKey, 0, sessionKey.length);
            awaitingFlushed = false;
            rc4.process(buf, off, len);
            return Outcome.PLAIN;
        }
        if (awaitingFlushed) {
            return drop("waiting for a FLUSHED packet after a Reset-Request, count " + c);
        }
        if (c != expected) {
            awaitingFlushed = true;
            problem = "coherency count " + c + ", expected " + expected;
            return Outcome.NEEDS_RESET;
        }
        rc4.process(buf, off, len);
        return Outcome.PLAIN;
    }

    private Outcome drop(String reason) {
        problem = reason;
        return Outcome.DROPPED;
    }

    /** How many counts x in (from, from + ahead] have low octet 0xFF. */
    private static int flagPacketsCrossed(int from, int ahead) {
        int first = 0xFF - (from & 0xFF);
        if (first == 0) {
            first = 0x100;
        }
        return ahead < first ? 0 : 1 + (ahead - first) / 0x100;
    }

    /** RFC 3078 7.3, leaving RC4 keyed with the new session key. */
    private void changeKey() {
        int length = sessionKey.length;
        MppeKeys.getNewKeyFromSha(sha1, startKey, sessionKey, length, digest); // Interim in digest[0, length)
        rc4.setKey(digest, 0, length);
        rc4.process(digest, 0, length, sessionKey, 0);
        MppeKeys.reduceSessionKey(sessionKey, bits);
        rc4.setKey(sessionKey, 0, length);
        Arrays.fill(digest, (byte) 0);
    }

    @Override
    public String toString() {
        return "MppeCipher[" + bits + " bits, " + (stateless ? "stateless" : "stateful") + ", count " + count + "]";
    }
}
