package io.pptp4j.tools.inspect;

import io.pptp4j.wire.Bytes;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.crypto.digests.MD4Digest;
import org.bouncycastle.crypto.engines.DESEngine;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Checks password candidates against 8-octet challenges and their 24-octet NT responses quickly, for the
 * dictionary attack: the NT hash (RFC 2759 8.3) once per candidate with a reused MD4, then for each target
 * the third DES block first (RFC 2759 8.5: its key is hash octets 14-15 and five zeros), so most
 * candidates cost one MD4 and one DES per target. One instance per thread.
 */
final class NtResponseChecker {
    private final byte[][] challenges;
    private final byte[][] responses;
    private final MD4Digest md4 = new MD4Digest();
    private final DESEngine des = new DESEngine();
    private final byte[] hash = new byte[21];
    private final byte[] key = new byte[8];
    private final byte[] block = new byte[8];
    private byte[] unicode = new byte[64];

    NtResponseChecker(List<Bytes> challenges, List<Bytes> ntResponses) {
        this.challenges = challenges.stream().map(Bytes::toArray).toArray(byte[][]::new);
        this.responses = ntResponses.stream().map(Bytes::toArray).toArray(byte[][]::new);
    }

    /** Computes the candidate's NT password hash, which {@link #matches} then uses. */
    void hash(String candidate) {
        int n = candidate.length() * 2;
        if (unicode.length < n) {
            unicode = new byte[n];
        }
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            unicode[2 * i] = (byte) c;
            unicode[2 * i + 1] = (byte) (c >>> 8);
        }
        md4.update(unicode, 0, n);
        md4.doFinal(hash, 0);
        Arrays.fill(hash, 16, 21, (byte) 0);
    }

    /** Whether the last hashed candidate gives target {@code i}'s NT response. */
    boolean matches(int i) {
        return block(i, 14, 16) && block(i, 0, 0) && block(i, 7, 8);
    }

    private boolean block(int target, int keyOffset, int responseOffset) {
        // RFC 2759 8.6: 56 key bits spread over 8 octets, 7 per octet; DES ignores the parity bit
        long bits = 0;
        for (int i = 0; i < 7; i++) {
            bits = (bits << 8) | (hash[keyOffset + i] & 0xFF);
        }
        for (int i = 0; i < 8; i++) {
            key[i] = (byte) (((bits >>> (49 - 7 * i)) & 0x7F) << 1);
        }
        des.init(true, new KeyParameter(key));
        des.processBlock(challenges[target], 0, block, 0);
        byte[] response = responses[target];
        for (int i = 0; i < 8; i++) {
            if (block[i] != response[responseOffset + i]) {
                return false;
            }
        }
        return true;
    }
}
