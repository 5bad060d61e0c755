package io.pptp4j.ppp.mppe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pptp4j.wire.Bytes;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.bouncycastle.crypto.engines.RC4Engine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

/** Our allocation-free {@link Rc4} against Bouncy Castle's {@code RC4Engine} and a published vector. */
class Rc4Properties {

    @Property(tries = 500)
    void producesBouncyCastlesKeyStream(@ForAll @Size(min = 1, max = 256) byte[] key,
                                        @ForAll @Size(max = 600) byte[] first, @ForAll @Size(max = 600) byte[] second) {
        RC4Engine reference = new RC4Engine();
        reference.init(true, new KeyParameter(key));
        Rc4 ours = new Rc4();
        ours.setKey(key, 0, key.length);
        for (byte[] data : new byte[][] {first, second}) { // the stream continues across calls
            byte[] expected = new byte[data.length];
            reference.processBytes(data, 0, data.length, expected, 0);
            byte[] actual = data.clone();
            ours.process(actual, 0, actual.length);
            assertThat(actual).isEqualTo(expected);
        }
    }

    @Test
    void rfc6229FortyBitKeyStream() {
        // RFC 6229 section 2, key 0x0102030405, key stream at offset 0 (the key taken from the middle of an array)
        Rc4 rc4 = new Rc4();
        byte[] stream = new byte[16];
        rc4.setKey(new byte[] {9, 9, 0x01, 0x02, 0x03, 0x04, 0x05, 9}, 2, 5);
        rc4.process(stream, 0, 16);
        assertThat(Bytes.of(stream).hex()).isEqualTo("b2396305f03dc027ccc3524a0a1118a8");
    }

    @Test
    void refusesAnEmptyKey() {
        assertThatThrownBy(() -> new Rc4().setKey(new byte[4], 0, 0))
                .hasMessage("RC4 keys are 1 to 256 octets, not 0");
    }
}
