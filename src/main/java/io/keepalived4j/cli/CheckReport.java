package io.keepalived4j.cli;

import io.keepalived4j.config.Diagnostic;
import io.keepalived4j.config.crossnode.Finding;
import io.keepalived4j.config.model.KeepalivedConfig;

import java.util.List;

/**
 * What {@code check} found; its JSON form is what {@code check --json} prints (public so that
 * {@link io.keepalived4j.config.json.JsonWriter} may read its components).
 *
 * @param files     one entry per file, in command-line order
 * @param crossNode cross-node findings (empty for a single file)
 * @param exitCode  the command's exit status
 */
public record CheckReport(List<FileReport> files, List<Finding> crossNode, int exitCode) {

    /**
     * @param file        the file as given
     * @param exitCode    its {@code -t} exit status (with {@code --strict} applied)
     * @param diagnostics its diagnostics, sorted by position
     * @param model       the resolved model, null when the file could not be processed
     */
    public record FileReport(String file, int exitCode, List<Diagnostic> diagnostics, KeepalivedConfig model) {
    }
}
