package io.pptp4j.linux.gre;

import io.pptp4j.gre.GreCodec;
import io.pptp4j.gre.GrePacket;
import io.pptp4j.wire.ByteReader;
import io.pptp4j.wire.DecodeException;
import io.pptp4j.wire.DecodeMode;
import io.pptp4j.wire.Layer;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Routes the GRE packets that reach one local address to the calls they belong to, without sockets or
 * threads: each datagram is decoded {@link DecodeMode#STRICT strictly} and looked up by its Call ID and
 * the address it came from.
 *
 * <p>RFC 2637 4.1: the Call ID in a GRE packet is the one the receiver chose for the session, so it is
 * our local Call ID; the sender's address tells peers apart that happen to share one. A packet for a
 * Call ID no call holds is discarded (a session that ended, a stray, a scan), and so is one from an
 * address other than the call's peer (spoofed or misrouted): both are counted, nothing is answered.
 *
 * <p>The table has one slot per 16-bit Call ID, so a lookup is an array read with no hashing or boxing;
 * each slot holds an immutable array of the (usually one) peers registered for that Call ID, replaced
 * on every change.
 *
 * <p>Thread safety: {@link #register} and {@link #unregister} from any thread; {@link #route} from one
 * thread at a time (the receive loop), concurrently with them; the counters from any thread.
 *
 * @param <C> what a packet is routed to (a {@link GreCall} in the transport, anything in tests)
 */
public final class GreDemultiplexer<C> {
    /** Call IDs are 16 bits (RFC 2637 2.7). */
    public static final int CALL_ID_COUNT = 0x10000;
    private static final String CONTEXT = "GRE";

    /** What became of one received datagram. */
    public sealed interface Route<C> {
        /** A packet for a registered call, from its peer. */
        record ToCall<C>(C call, GrePacket packet) implements Route<C> {
            public ToCall {
                Objects.requireNonNull(call, "call");
                Objects.requireNonNull(packet, "packet");
            }
        }

        /** Refused by the strict decode; dropped. */
        record Malformed<C>(DecodeException reason) implements Route<C> {}

        /** No call holds this Call ID; dropped (RFC 2637: GRE for an unknown call is discarded). */
        record UnknownCall<C>(int callId, Inet4Address source) implements Route<C> {}

        /** A call holds this Call ID, but for another peer address; dropped. */
        record WrongPeer<C>(int callId, Inet4Address source) implements Route<C> {}
    }

    private record Registration<C>(Inet4Address peer, int peerBits, C call) {
        Registration(Inet4Address peer, C call) { this(peer, bits(peer), call); }
    }

    /** An IPv4 address as an int in network byte order, as a received IPv4 header holds it. */
    static int bits(Inet4Address address) {
        byte[] a = address.getAddress();
        return (a[0] & 0xFF) << 24 | (a[1] & 0xFF) << 16 | (a[2] & 0xFF) << 8 | a[3] & 0xFF;
    }

    private final AtomicReferenceArray<Registration<C>[]> slots = new AtomicReferenceArray<>(CALL_ID_COUNT);
    private int registered; // guarded by this

    private final AtomicLong received = new AtomicLong();
    private final AtomicLong routed = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong unknownCall = new AtomicLong();
    private final AtomicLong wrongPeer = new AtomicLong();

    /**
     * Routes packets with Call ID {@code localCallId} from {@code peer} to {@code call}.
     *
     * @throws IllegalStateException when another call holds that Call ID for that peer
     */
    public synchronized void register(int localCallId, Inet4Address peer, C call) {
        checkCallId(localCallId);
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(call, "call");
        Registration<C>[] old = slots.get(localCallId);
        if (old != null) {
            for (Registration<C> r : old) {
                if (r.peer().equals(peer)) {
                    throw new IllegalStateException("Call ID " + localCallId + " from " + peer.getHostAddress()
                            + " is already registered");
                }
            }
        }
        Registration<C>[] updated = old == null ? newArray(1) : Arrays.copyOf(old, old.length + 1);
        updated[updated.length - 1] = new Registration<>(peer, call);
        slots.set(localCallId, updated);
        registered++;
    }

    /**
     * Stops routing {@code localCallId} from {@code peer}, if {@code call} (the same object) is what it
     * routes to; returns whether it was. A call that closes late cannot remove a successor that reuses
     * its Call ID.
     */
    public synchronized boolean unregister(int localCallId, Inet4Address peer, C call) {
        checkCallId(localCallId);
        Registration<C>[] old = slots.get(localCallId);
        if (old == null) {
            return false;
        }
        for (int i = 0; i < old.length; i++) {
            if (old[i].peer().equals(peer) && old[i].call() == call) {
                Registration<C>[] updated = null;
                if (old.length > 1) {
                    updated = newArray(old.length - 1);
                    System.arraycopy(old, 0, updated, 0, i);
                    System.arraycopy(old, i + 1, updated, i, old.length - i - 1);
                }
                slots.set(localCallId, updated);
                registered--;
                return true;
            }
        }
        return false;
    }

    /** The call registered for {@code localCallId} from {@code peer}. */
    public Optional<C> lookup(int localCallId, Inet4Address peer) {
        checkCallId(localCallId);
        return Optional.ofNullable(find(slots.get(localCallId), peer));
    }

    /**
     * The call registered for {@code localCallId} from the source address {@code sourceBits} (network byte
     * order), or null: the data path's lookup, which allocates nothing and counts nothing. A packet it
     * routes is counted with {@link #countRouted()}; one it does not goes to {@link #route}.
     */
    public C callFor(int localCallId, int sourceBits) {
        Registration<C>[] regs = slots.get(localCallId & 0xFFFF);
        if (regs != null) {
            for (Registration<C> r : regs) {
                if (r.peerBits() == sourceBits) {
                    return r.call();
                }
            }
        }
        return null;
    }

    /** Counts a datagram routed through {@link #callFor} as {@link #route} would have. */
    public void countRouted() {
        received.incrementAndGet();
        routed.incrementAndGet();
    }

    /** How many calls are registered. */
    public synchronized int size() { return registered; }

    /** The calls registered now, in Call ID order. */
    public synchronized List<C> calls() {
        List<C> all = new ArrayList<>(registered);
        for (int id = 0; id < CALL_ID_COUNT && all.size() < registered; id++) {
            Registration<C>[] regs = slots.get(id);
            if (regs != null) {
                for (Registration<C> r : regs) {
                    all.add(r.call());
                }
            }
        }
        return all;
    }

    /**
     * Decodes {@code buf[0, length)}, the IP payload of a datagram from {@code source}, and says where
     * it goes; counts it. Offsets in a {@link Route.Malformed} reason count from {@code buf[0]}.
     */
    public Route<C> route(byte[] buf, int length, Inet4Address source) {
        received.incrementAndGet();
        GrePacket packet;
        try {
            packet = GreCodec.decode(ByteReader.of(buf, 0, length, Layer.GRE, CONTEXT), DecodeMode.STRICT);
        } catch (DecodeException e) {
            malformed.incrementAndGet();
            return new Route.Malformed<>(e);
        }
        int callId = packet.header().callId();
        Registration<C>[] regs = slots.get(callId);
        if (regs == null) {
            unknownCall.incrementAndGet();
            return new Route.UnknownCall<>(callId, source);
        }
        C call = find(regs, source);
        if (call == null) {
            wrongPeer.incrementAndGet();
            return new Route.WrongPeer<>(callId, source);
        }
        routed.incrementAndGet();
        return new Route.ToCall<>(call, packet);
    }

    /** Datagrams given to {@link #route}. */
    public long received() { return received.get(); }

    /** Datagrams routed to a call. */
    public long routed() { return routed.get(); }

    /** Datagrams the strict decode refused. */
    public long malformed() { return malformed.get(); }

    /** Well-formed packets for a Call ID no call holds. */
    public long unknownCall() { return unknownCall.get(); }

    /** Well-formed packets for a registered Call ID from an address other than the call's peer. */
    public long wrongPeer() { return wrongPeer.get(); }

    private static <C> C find(Registration<C>[] regs, Inet4Address source) {
        if (regs != null) {
            for (Registration<C> r : regs) {
                if (r.peer().equals(source)) {
                    return r.call();
                }
            }
        }
        return null;
    }

    private static void checkCallId(int callId) {
        if (callId < 0 || callId >= CALL_ID_COUNT) {
            throw new IllegalArgumentException("Call ID " + callId + " is outside 0..65535");
        }
    }

    @SuppressWarnings("unchecked")
    private static <C> Registration<C>[] newArray(int length) {
        return (Registration<C>[]) new Registration<?>[length];
    }
}
