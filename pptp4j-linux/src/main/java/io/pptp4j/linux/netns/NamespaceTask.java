package io.pptp4j.linux.netns;

/**
 * Work to run inside a network namespace, which may throw a checked exception of one type.
 *
 * @param <T> the result
 * @param <X> the checked exception it may throw
 */
@FunctionalInterface
public interface NamespaceTask<T, X extends Exception> {
    T call() throws X;
}
