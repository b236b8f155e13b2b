package io.keepalived4j.config;

import io.keepalived4j.config.build.ModelBuilder;
import io.keepalived4j.config.model.KeepalivedConfig;
import io.keepalived4j.config.schema.SchemaChecker;
import io.keepalived4j.config.syntax.Preprocessor;
import io.keepalived4j.config.syntax.SourceLine;
import io.keepalived4j.config.syntax.TreeBuilder;
import io.keepalived4j.config.syntax.Node;

import java.nio.file.Path;
import java.util.List;

/**
 * Entry point of the configuration front end: file to tree to typed model, collecting every
 * problem on the way. Never throws for bad input: a failure of our own becomes an internal-error
 * diagnostic rather than a stack trace in the operator's face.
 *
 * <pre>{@code
 * LoadResult r = ConfigLoader.load(Path.of("/etc/keepalived/keepalived.conf"), LoadOptions.defaults());
 * r.diagnostics().sorted().forEach(d -> System.err.println(d.format()));
 * }</pre>
 */
public final class ConfigLoader {

    /** The tree (for tools), the model (null only after an internal error) and the diagnostics. */
    public record LoadResult(List<Node> tree, KeepalivedConfig model, Diagnostics diagnostics) {
    }

    private ConfigLoader() {
    }

    public static LoadResult load(Path file, LoadOptions options) {
        Diagnostics d = new Diagnostics();
        return guarded(file.toString(), d, () -> Preprocessor.read(file, preprocessorOptions(options), d), options);
    }

    public static LoadResult loadText(String name, String text, LoadOptions options) {
        Diagnostics d = new Diagnostics();
        return guarded(name, d, () -> Preprocessor.readText(name, text, preprocessorOptions(options), d), options);
    }

    private interface LineSource {
        List<SourceLine> read();
    }

    private static LoadResult guarded(String name, Diagnostics d, LineSource source, LoadOptions options) {
        List<Node> tree = List.of();
        try {
            List<SourceLine> lines = source.read();
            tree = TreeBuilder.build(lines, options.limits(), d);
            List<Node> checked = tree;
            d.stage(SchemaChecker.STAGE, () -> SchemaChecker.check(checked, d));
            KeepalivedConfig model = ModelBuilder.build(tree, d);
            return new LoadResult(tree, model, d);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            d.error(KaStatus.FATAL, Position.of(name, 0, 0), "internal-error",
                    "keepalived4j could not process this file (" + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")",
                    "", "this is a bug in keepalived4j; please report it with the file");
            return new LoadResult(tree, null, d);
        }
    }

    private static Preprocessor.Options preprocessorOptions(LoadOptions o) {
        return new Preprocessor.Options(o.configId(), o.limits(), o.randomSeed(), o.allConfig());
    }
}
