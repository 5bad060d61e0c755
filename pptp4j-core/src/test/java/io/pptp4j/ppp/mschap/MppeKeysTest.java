package io.pptp4j.ppp.mschap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pptp4j.wire.Bytes;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.engines.RC4Engine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

/** RFC 3079 3.5 examples, the computed values of TEST-VECTORS.txt E, and the Windows RRAS keys. */
class MppeKeysTest {
    static final Bytes HASH_HASH = Bytes.fromHex("41C00C584BD2D91C4017A2A12FA59F3F");
    static final Bytes NT_RESPONSE = MsChapV2Test.NT_RESPONSE;
    static final Bytes MASTER_KEY = Bytes.fromHex("FDECE3717A8C838CB388E527AE3CDD31");
    static final byte[] TEST_MESSAGE = "test message".getBytes(StandardCharsets.US_ASCII);

    static Bytes rc4(Bytes key, byte[] data) {
        RC4Engine e = new RC4Engine();
        e.init(true, new KeyParameter(key.toArray()));
        byte[] out = new byte[data.length];
        e.processBytes(data, 0, data.length, out, 0);
        return Bytes.of(out);
    }

    @Test
    void rfc3079MasterKey() {
        assertThat(MppeKeys.getMasterKey(HASH_HASH, NT_RESPONSE)).isEqualTo(MASTER_KEY);
    }

    @Test
    void rfc3079FortyBitServerSendKey() {
        Bytes start = MppeKeys.getAsymmetricStartKey(MASTER_KEY, 8, true, true);
        assertThat(start).isEqualTo(Bytes.fromHex("8B7CDC149B993A1B"));
        Bytes session = MppeKeys.initialSessionKey(start, 40);
        assertThat(session).isEqualTo(Bytes.fromHex("D1269EC49FA62E3E"));
        assertThat(rc4(session, TEST_MESSAGE)).isEqualTo(Bytes.fromHex("92913791 7E5803D6 68D75898".replace(" ", "")));
    }

    /** RFC 3079 3.5.2 prints the last ciphertext octet as 58; RC4 gives B8 (TEST-VECTORS.txt D). */
    @Test
    void rfc3079FiftySixBitServerSendKey() {
        Bytes start = MppeKeys.getAsymmetricStartKey(MASTER_KEY, 8, true, true);
        Bytes session = MppeKeys.initialSessionKey(start, 56);
        assertThat(session).isEqualTo(Bytes.fromHex("D15C00C49FA62E3E"));
        assertThat(rc4(session, TEST_MESSAGE)).isEqualTo(Bytes.fromHex("3F106833FA448DA842BC57B8"));
    }

    @Test
    void rfc3079OneHundredTwentyEightBitServerSendKey() {
        Bytes start = MppeKeys.getAsymmetricStartKey(MASTER_KEY, 16, true, true);
        assertThat(start).isEqualTo(Bytes.fromHex("8B7CDC149B993A1BA118CB153F56DCCB"));
        Bytes session = MppeKeys.initialSessionKey(start, 128);
        assertThat(session).isEqualTo(Bytes.fromHex("405CB2247A7956E6E211007AE27B22D4"));
        assertThat(rc4(session, TEST_MESSAGE)).isEqualTo(Bytes.fromHex("81848317DF68846272FB5ABE"));
    }

    @Test
    void clientSendKeyIsServerReceiveKey() {
        Bytes client = MppeKeys.getAsymmetricStartKey(MASTER_KEY, 16, true, false);
        assertThat(client).isEqualTo(Bytes.fromHex("d5f0e9521e3ea9589645e86051c82226"));
        assertThat(MppeKeys.getAsymmetricStartKey(MASTER_KEY, 16, false, true)).isEqualTo(client);
        assertThat(MppeKeys.getAsymmetricStartKey(MASTER_KEY, 8, true, false)).isEqualTo(Bytes.fromHex("d5f0e9521e3ea958"));
        Bytes session128 = MppeKeys.initialSessionKey(client, 128);
        assertThat(session128).isEqualTo(Bytes.fromHex("49d11d0f0cc6befba2a9b4b688f91eee"));
        assertThat(MppeKeys.initialSessionKey(client.slice(0, 8), 56)).isEqualTo(Bytes.fromHex("d16a9bd2ae999038"));
        assertThat(MppeKeys.initialSessionKey(client.slice(0, 8), 40)).isEqualTo(Bytes.fromHex("d1269ed2ae999038"));
        assertThat(rc4(session128, TEST_MESSAGE)).isEqualTo(Bytes.fromHex("b56ca95695e14acb15f1ba3c"));
    }

    @Test
    void sessionKeysFromMsChapV2() {
        MppeSessionKeys server = MppeSessionKeys.fromMsChapV2(HASH_HASH, NT_RESPONSE, true, 128);
        MppeSessionKeys client = MppeSessionKeys.fromMsChapV2(HASH_HASH, NT_RESPONSE, false, 128);
        assertThat(server.sendKey()).isEqualTo(Bytes.fromHex("8B7CDC149B993A1BA118CB153F56DCCB"));
        assertThat(server.sendKey()).isEqualTo(client.receiveKey());
        assertThat(server.receiveKey()).isEqualTo(client.sendKey());
        assertThat(server.withBits(40)).isEqualTo(MppeSessionKeys.fromMsChapV2(HASH_HASH, NT_RESPONSE, true, 40));
        assertThat(server.toString()).isEqualTo("MppeSessionKeys[128 bits, keys redacted]");
    }

    @Test
    void reducesSessionKeys() {
        Bytes k = Bytes.fromHex("0102030405060708");
        assertThat(MppeKeys.reduceSessionKey(k, 40)).isEqualTo(Bytes.fromHex("d1269e0405060708"));
        assertThat(MppeKeys.reduceSessionKey(k, 56)).isEqualTo(Bytes.fromHex("d102030405060708"));
        assertThatThrownBy(() -> MppeKeys.reduceSessionKey(k, 64)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("MPPE keys are 40, 56 or 128 bits, not 64");
    }

    /** pptpcrack-windows-rras-session.pcap, password vpnuser123. */
    @Test
    void windowsRrasStartKeys() {
        Bytes hashHash = MsChapV2.hashNtPasswordHash(MsChapV2.ntPasswordHash("vpnuser123".toCharArray()));
        Bytes ntResponse = Bytes.fromHex("8cd6161253eac63fa53cfc6f74692fd73b0768ca63d612f0");
        MppeSessionKeys client = MppeSessionKeys.fromMsChapV2(hashHash, ntResponse, false, 128);
        assertThat(client.sendKey()).isEqualTo(Bytes.fromHex("5feb418becd3d469e35a579c206297d0"));
        assertThat(client.receiveKey()).isEqualTo(Bytes.fromHex("b34084a4b243be1aa89b97ccaf0782e3"));
        // frame 315 (GRE seq 17, MPPE header 9000: A, D, coherency count 0): the key after one change
        Bytes key = MppeKeys.changeKey(client.sendKey(), MppeKeys.initialSessionKey(client.sendKey(), 128), 128);
        assertThat(key).isEqualTo(Bytes.fromHex("baa4ed9219b9068aacc7fab65caf1c34"));
        assertThat(rc4(key, Bytes.fromHex("0e55bc7331b4cb89d6f49a82be2c59345b08192f4a7447d9").toArray()))
                .isEqualTo(Bytes.fromHex("00214600002800000000010258a2c0a82b6fe00000169404"));
    }
}
