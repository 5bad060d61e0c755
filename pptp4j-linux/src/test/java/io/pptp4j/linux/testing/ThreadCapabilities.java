package io.pptp4j.linux.testing;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.pptp4j.linux.net.Libc;
import io.pptp4j.linux.net.NativeException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.Locale;

/**
 * Drops a capability from the effective set of the calling thread only (Linux capabilities are per
 * thread: capset(2) with pid 0), so a test can see what an unprivileged caller gets without starting
 * a process. Use it on a thread of your own that ends afterwards.
 */
public final class ThreadCapabilities {
    public static final int CAP_NET_RAW = 13;
    private static final int LINUX_CAPABILITY_VERSION_3 = 0x20080522;
    private static final MethodHandle SYSCALL = Linker.nativeLinker().downcallHandle(
            Linker.nativeLinker().defaultLookup().find("syscall").orElseThrow(),
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, ADDRESS, ADDRESS),
            Linker.Option.firstVariadicArg(1), Linker.Option.captureCallState("errno"));

    private ThreadCapabilities() {}

    /** Clears {@code capability} from this thread's effective set (it stays permitted). */
    public static void dropEffective(int capability) throws NativeException {
        boolean arm = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT).contains("aarch64");
        long capget = arm ? 90 : 125;
        long capset = arm ? 91 : 126;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.newCallState(arena);
            MemorySegment header = arena.allocate(8);
            header.set(JAVA_INT, 0, LINUX_CAPABILITY_VERSION_3);
            header.set(JAVA_INT, 4, 0); // this thread
            MemorySegment data = arena.allocate(24); // two of {effective, permitted, inheritable}
            invoke(state, capget, header, data, "capget");
            long word = capability / 32 * 12L;
            data.set(JAVA_INT, word, data.get(JAVA_INT, word) & ~(1 << (capability % 32)));
            invoke(state, capset, header, data, "capset");
        }
    }

    private static void invoke(MemorySegment state, long number, MemorySegment header, MemorySegment data, String call)
            throws NativeException {
        long result;
        try {
            result = (long) SYSCALL.invokeExact(state, number, header, data);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
        Libc.check((int) result, state, () -> call);
    }
}
