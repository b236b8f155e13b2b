package io.keepalived4j.daemon;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Child-JVM main for {@link SignalHandlersStopTest}: installs the handlers, prints READY, and on
 * a stop signal prints STOPPING and exits 0 ({@code hold}: first waits for a line on stdin); a
 * second stop signal prints FORCED and halts with 1. {@code busy}: the executor refuses all work.
 */
public final class SignalProbe {

    private SignalProbe() {}

    public static void main(String[] args) throws InterruptedException {
        List<String> flags = List.of(args);
        ExecutorService loop = flags.contains("busy") ? busy() : Executors.newSingleThreadExecutor(r -> new Thread(r, "event-loop"));
        SignalHandlers.install(new SignalHandlers.Actions(
                () -> stop(flags.contains("hold")), () -> say("RELOAD"), () -> say("DATA"), () -> say("STATS"),
                () -> {
                    say("FORCED");
                    Runtime.getRuntime().halt(1);
                }),
                loop, flags.contains("ignore-sigint"));
        say("READY");
        Thread.sleep(60_000);
        say("NO SIGNAL");
        System.exit(3);
    }

    /** An executor whose one thread never comes back and whose one-place queue is taken: it refuses everything. */
    private static ExecutorService busy() {
        ThreadPoolExecutor busy = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(1),
                r -> new Thread(r, "event-loop"));
        CountDownLatch never = new CountDownLatch(1);
        Runnable blocked = () -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        busy.execute(blocked);
        busy.execute(blocked);
        return busy;
    }

    private static void stop(boolean hold) {
        say("STOPPING");
        say("ON " + Thread.currentThread().getName());
        if (hold) {
            try {
                new BufferedReader(new InputStreamReader(System.in)).readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        say("STOPPED");
        System.exit(0);
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
