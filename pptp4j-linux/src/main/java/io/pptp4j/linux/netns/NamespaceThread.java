package io.pptp4j.linux.netns;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A platform thread that has entered a network namespace ({@code setns(fd, CLONE_NEWNET)}) and runs
 * the tasks given to {@link #call} one after another.
 *
 * <p>Sockets created on it (through FFM or {@code java.net}) belong to that namespace for their whole
 * life, whichever thread uses them afterwards; processes started from it run there too. So one JVM can
 * hold a socket in each of several namespaces. The thread is never a virtual thread: setns moves the
 * OS thread, which a virtual thread does not own.
 *
 * <p>{@link #close} stops the thread once the running task ends; tasks still queued are cancelled.
 */
public final class NamespaceThread implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Runnable STOP = () -> { };

    private final Path namespacePath;
    private final Thread thread;
    private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private boolean closed;

    private NamespaceThread(Path namespacePath, String threadName, CompletableFuture<Void> entered) {
        this.namespacePath = namespacePath;
        this.thread = Thread.ofPlatform().name(threadName).daemon(true).unstarted(() -> work(entered));
    }

    /**
     * Starts a thread in the namespace bound at {@code namespacePath} (e.g. /run/netns/NAME) and
     * returns once it is there.
     *
     * @throws io.pptp4j.linux.net.NativeException when open or setns fails, e.g.
     *     {@code open(/run/netns/x): No such file or directory (ENOENT, errno 2)}
     */
    public static NamespaceThread start(Path namespacePath, String threadName) throws IOException {
        CompletableFuture<Void> entered = new CompletableFuture<>();
        NamespaceThread t = new NamespaceThread(namespacePath, threadName, entered);
        t.thread.start();
        try {
            entered.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return t;
        } catch (ExecutionException e) {
            throw rethrowIo(e.getCause());
        } catch (TimeoutException e) {
            t.close();
            throw new IOException("thread " + threadName + " did not enter " + namespacePath + " within "
                    + START_TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            t.close();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while entering " + namespacePath);
        }
    }

    private void work(CompletableFuture<Void> entered) {
        try {
            NetworkNamespace.enterOnCurrentThread(namespacePath);
        } catch (IOException | RuntimeException | Error e) {
            entered.completeExceptionally(e);
            return; // nothing may run in the wrong namespace
        }
        entered.complete(null);
        try {
            for (Runnable task = queue.take(); task != STOP; task = queue.take()) {
                task.run();
            }
        } catch (InterruptedException e) {
            // close() gave up waiting: leave
        }
    }

    public Path namespacePath() { return namespacePath; }

    /** The thread, e.g. to check that it ended. */
    public Thread thread() { return thread; }

    /**
     * Runs {@code task} on this thread and returns its result or throws what it threw. From this
     * thread itself (a task that calls back) the task runs directly.
     *
     * @throws IllegalStateException after {@link #close}
     * @throws InterruptedIOException when the calling thread is interrupted while waiting
     */
    @SuppressWarnings("unchecked")
    public <T, X extends Exception> T call(NamespaceTask<T, X> task) throws X, IOException {
        if (Thread.currentThread() == thread) {
            return task.call();
        }
        FutureTask<T> future = new FutureTask<>(task::call);
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the thread in " + namespacePath + " is stopped");
            }
            queue.add(future);
        }
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw (X) cause; // the task may throw only X besides unchecked exceptions
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a task in " + namespacePath);
        }
    }

    /** Stops the thread after the task it runs, cancels queued tasks, and waits (bounded) for it to end. */
    @Override
    public void close() {
        List<Runnable> dropped = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            queue.drainTo(dropped);
            queue.add(STOP);
        }
        for (Runnable r : dropped) {
            if (r instanceof FutureTask<?> f) {
                f.cancel(false);
            }
        }
        if (Thread.currentThread() == thread) {
            return;
        }
        try {
            if (!thread.join(STOP_TIMEOUT)) {
                thread.interrupt();
            }
        } catch (InterruptedException e) {
            thread.interrupt();
            Thread.currentThread().interrupt();
        }
    }

    private static IOException rethrowIo(Throwable cause) {
        if (cause instanceof IOException io) {
            return io;
        }
        if (cause instanceof RuntimeException r) {
            throw r;
        }
        if (cause instanceof Error e) {
            throw e;
        }
        return new IOException(cause);
    }
}
