package io.keepalived4j.notify;

import io.keepalived4j.os.process.RunAs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A {@link ScriptRunner} for engine tests: records every run and leaves it pending until the
 * test completes it, so tests decide when (in virtual time) and how each script ends.
 */
public final class FakeScriptRunner implements ScriptRunner {

    /** One requested run. */
    public record Call(List<String> argv, RunAs runAs, Duration timeout, CompletableFuture<ScriptResult> result) {
        public void exit(int code) {
            result.complete(ScriptResult.exited(code));
        }

        public void timeOut() {
            result.complete(ScriptResult.timeout(15));
        }
    }

    private final List<Call> calls = new ArrayList<>();

    @Override
    public synchronized CompletionStage<ScriptResult> run(List<String> argv, RunAs runAs, Duration timeout) {
        Call c = new Call(List.copyOf(argv), runAs, timeout, new CompletableFuture<>());
        calls.add(c);
        return c.result();
    }

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    public synchronized Call last() {
        return calls.getLast();
    }

    /** Runs not yet completed. */
    public synchronized List<Call> pending() {
        return calls.stream().filter(c -> !c.result().isDone()).toList();
    }
}
