package io.keepalived4j.config.syntax;

import io.keepalived4j.config.Diagnostic;
import io.keepalived4j.config.Diagnostics;

import java.nio.file.Path;
import java.util.List;

/** Runs the preprocessor on text or a file and keeps what a test needs to look at. */
record Preprocessed(List<SourceLine> lines, Diagnostics diagnostics) {

    static final String CONFIG_ID = "node1";
    static final Preprocessor.Options OPTIONS = new Preprocessor.Options(CONFIG_ID, Limits.DEFAULT, 42L);

    static Preprocessed text(String text) {
        return text(text, OPTIONS);
    }

    static Preprocessed text(String text, Preprocessor.Options options) {
        Diagnostics d = new Diagnostics();
        return new Preprocessed(Preprocessor.readText("test.conf", text, options, d), d);
    }

    static Preprocessed file(Path file) {
        Diagnostics d = new Diagnostics();
        return new Preprocessed(Preprocessor.read(file, OPTIONS, d), d);
    }

    static Preprocessor.Options withLimits(Limits limits) {
        return new Preprocessor.Options(CONFIG_ID, limits, 42L);
    }

    /** The processed lines, stripped. */
    List<String> texts() {
        return lines.stream().map(l -> l.text().strip()).toList();
    }

    List<String> codes() {
        return diagnostics.all().stream().map(Diagnostic::code).toList();
    }

    Diagnostic first(String code) {
        return diagnostics.all().stream().filter(d -> d.code().equals(code)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + code + " in " + diagnostics.all()));
    }
}
