package io.keepalived4j.notify;

import io.keepalived4j.os.process.RunAs;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Runs a script and reports how it ended, without blocking the caller. The real implementation
 * is {@link ProcessScriptRunner}; engine tests use a fake that completes on command.
 *
 * <pre>{@code
 * runner.run(List.of("/etc/keepalived/chk.sh", "eth0"), runAs, Duration.ofSeconds(2))
 *       .thenAccept(r -> listener.onResult(r.succeeded()));
 * }</pre>
 */
public interface ScriptRunner {

    /**
     * Starts argv (already split, see {@link io.keepalived4j.os.process.CommandLine}) as
     * {@code runAs}; past {@code timeout} the script and its process group are stopped and the
     * result says {@link ScriptResult#timedOut()}. The stage never completes exceptionally: a
     * script that cannot start is {@code exited(127)}, as with keepalived's failed exec.
     */
    CompletionStage<ScriptResult> run(List<String> argv, RunAs runAs, Duration timeout);
}
