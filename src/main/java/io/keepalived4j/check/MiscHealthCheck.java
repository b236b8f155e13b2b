package io.keepalived4j.check;

import io.keepalived4j.config.model.lvs.MiscCheck;
import io.keepalived4j.notify.NotifyScript;
import io.keepalived4j.notify.ScriptResult;
import io.keepalived4j.notify.ScriptRunner;

import java.util.Optional;
import java.util.concurrent.ExecutionException;

/**
 * MISC_CHECK: runs {@code misc_path} (as {@code user}, in its own process group, stdout and stderr
 * discarded, with the script security of vrrp_script) and reads its exit status: 0 is up; with
 * misc_dynamic 2..255 is up too, with weight status - 2; anything else, a signal, or running past
 * misc_timeout (SIGTERM to the group, SIGKILL after 2 s) is down (keepalived's check_misc.c).
 *
 * <p>Its log lines name the exit type and reason, which {@link CheckerEpilogs} words with the
 * retry count as keepalived does; this class keeps the last attempt's for it.
 */
public final class MiscHealthCheck implements HealthCheck {

    private final MiscCheck config;
    private final NotifyScript script;
    private final ScriptRunner runner;
    private long lastExitStatus;
    private String lastFailureType = "failed";
    private Optional<String> lastFailureReason = Optional.empty();

    public MiscHealthCheck(MiscCheck config, NotifyScript script, ScriptRunner runner) {
        this.config = config;
        this.script = script;
        this.runner = runner;
    }

    @Override
    public CheckResult attempt() throws InterruptedException {
        ScriptResult r;
        try {
            r = runner.run(script.argv(), script.runAs(), config.timeout()).toCompletableFuture().get();
        } catch (ExecutionException e) {
            r = ScriptResult.exited(ScriptResult.NOT_STARTED);
        }
        if (r.timedOut()) {
            lastExitStatus = -1;
            lastFailureType = "timed out";
            lastFailureReason = Optional.empty();
            return CheckResult.down("timed out");
        }
        if (r.signal() != 0) {
            lastExitStatus = -1;
            lastFailureType = "failed";
            lastFailureReason = Optional.of("due to signal " + r.signal());
            return CheckResult.down("failed due to signal " + r.signal());
        }
        int status = r.exitCode();
        lastExitStatus = status;
        if (status == 0) {
            return CheckResult.up();
        }
        if (config.dynamic() && status >= 2 && status <= 255) {
            return CheckResult.upWithWeight(status - 2);
        }
        lastFailureType = "failed";
        lastFailureReason = Optional.of("exited with status " + status);
        return CheckResult.down("failed (exited with status " + status + ")");
    }

    /** The program keepalived names in its lines: the script's first word, resolved. */
    String program() {
        return script.argv().getFirst();
    }

    long lastExitStatus() {
        return lastExitStatus;
    }

    String lastFailureType() {
        return lastFailureType;
    }

    Optional<String> lastFailureReason() {
        return lastFailureReason;
    }

    // MISC_CHECK words its lines itself (CheckerEpilogs.misc); these serve the status endpoint.

    @Override
    public Optional<String> upLine() {
        return Optional.empty();
    }

    @Override
    public Optional<String> downLine(long retries, CheckResult.Down last) {
        return Optional.empty();
    }

    @Override
    public String upAlert() {
        return "=> MISC CHECK succeeded on service <=";
    }

    @Override
    public String downAlert(CheckResult.Down last) {
        return "=> MISC CHECK failed on service <=";
    }
}
