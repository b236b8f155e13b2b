package io.keepalived4j.daemon.reload;

import io.keepalived4j.config.ConfigLoader.LoadResult;
import io.keepalived4j.config.Diagnostic;
import io.keepalived4j.config.LoadOptions;
import io.keepalived4j.config.Position;
import io.keepalived4j.config.Severity;
import io.keepalived4j.config.check.ConfigTest;
import io.keepalived4j.config.check.HostEnvironment;
import io.keepalived4j.config.check.RefusedScripts;
import io.keepalived4j.config.model.KeepalivedConfig;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The first step of a reload: the file read and checked exactly as at start ({@code -i},
 * {@code --all-config}, the host checks of {@code -t}). keepalived 2.2.7 does this only with
 * {@code reload_check_config}; here it is always on, because a file that fails must never replace
 * the running instances.
 *
 * <pre>{@code
 * switch (new ReloadCheck(file, options, HostEnvironment.system()).check()) {
 *     case ReloadCheck.Accepted a -> apply(a.config());
 *     case ReloadCheck.Refused r -> log.error("Reload failed: {}; keeping the running configuration", r.reason());
 * }
 * }</pre>
 */
public record ReloadCheck(Path file, LoadOptions options, HostEnvironment host) {

    /** How many errors the refusal line names; the rest are counted. */
    static final int ERRORS_SHOWN = 3;

    /** What a reload reads. */
    public sealed interface Outcome permits Accepted, Refused {
    }

    /** The new configuration, and the scripts the host checks disabled in it. */
    public record Accepted(KeepalivedConfig config, Set<Position> refusedScripts) implements Outcome {
        public Accepted {
            refusedScripts = Set.copyOf(refusedScripts);
        }
    }

    /** The file cannot replace the running configuration: the first errors, one line. */
    public record Refused(String reason) implements Outcome {
    }

    public Outcome check() {
        LoadResult r;
        try {
            r = ConfigTest.run(file, options, host);
        } catch (RuntimeException e) {
            // A reload must never take the daemon down: whatever the loader throws is a refusal.
            return new Refused(file + ": " + e);
        }
        List<Diagnostic> errors = r.diagnostics().sorted().stream().filter(d -> d.severity() == Severity.ERROR).toList();
        if (r.model() == null || !errors.isEmpty()) {
            return new Refused(reason(errors));
        }
        return new Accepted(r.model(), RefusedScripts.of(r.diagnostics()));
    }

    static String reason(List<Diagnostic> errors) {
        if (errors.isEmpty()) {
            return "the configuration cannot be used";
        }
        String shown = errors.stream().limit(ERRORS_SHOWN).map(d -> d.position() + ": " + d.message())
                .collect(Collectors.joining("; "));
        int more = errors.size() - ERRORS_SHOWN;
        return more > 0 ? shown + " (and " + more + " more " + (more == 1 ? "error" : "errors") + ")" : shown;
    }
}
