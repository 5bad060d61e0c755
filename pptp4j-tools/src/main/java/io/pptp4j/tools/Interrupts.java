package io.pptp4j.tools;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C and SIGTERM for a command that must end politely (LCP Terminate, Call-Clear, Stop-Control-
 * Connection, interfaces removed): the JVM halts as soon as its shutdown hooks return, so the hook tells
 * the command and then waits, bounded, until the command says its clean-up is done.
 */
public final class Interrupts implements AutoCloseable {
    private static final Duration CLEAN_UP = Duration.ofSeconds(5);
    private final CountDownLatch cleanedUp = new CountDownLatch(1);

    private Interrupts(Runnable onInterrupt) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            onInterrupt.run();
            try {
                cleanedUp.await(CLEAN_UP.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "interrupt"));
    }

    /** Runs {@code onInterrupt} on Ctrl-C or SIGTERM, then holds the JVM until {@link #close} (at most 5 s). */
    public static Interrupts onInterrupt(Runnable onInterrupt) { return new Interrupts(onInterrupt); }

    /** The command's clean-up is done: an interrupt no longer waits. */
    @Override
    public void close() { cleanedUp.countDown(); }
}
