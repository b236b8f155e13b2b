import io.keepalived4j.config.ConfigLoader;
import io.keepalived4j.config.Diagnostics;
import io.keepalived4j.config.LoadOptions;
import io.keepalived4j.config.syntax.Limits;
import io.keepalived4j.config.syntax.Preprocessor;
import io.keepalived4j.config.syntax.SourceLine;
import io.keepalived4j.config.syntax.TreeBuilder;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * In-process timing of the configuration front end, run against the product jar without
 * becoming part of it:
 *
 * <pre>java -cp target/keepalived4j.jar benchmarks/config-parse/ParseBench.java bench.conf [ROUNDS]</pre>
 *
 * Prints the first (cold) preprocess + tree and ConfigLoader.load of a fresh JVM; then, for the
 * preprocessor alone, preprocessor + tree, and the whole ConfigLoader.load (preprocess, tree,
 * schema check, model), the median and minimum of the warm rounds; then the heap retained by one LoadResult (used heap after full GCs with the
 * result held, minus without it).
 */
public final class ParseBench {

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        LoadOptions options = new LoadOptions("bench", Limits.DEFAULT, 1L);
        Preprocessor.Options pre = new Preprocessor.Options("bench", Limits.DEFAULT, 1L);

        long coldSyntax = time(() -> {
            Diagnostics d = new Diagnostics();
            return TreeBuilder.build(Preprocessor.read(file, pre, d), Limits.DEFAULT, d);
        });
        long cold = time(() -> ConfigLoader.load(file, options));
        ConfigLoader.LoadResult check = ConfigLoader.load(file, options);
        long errors = check.diagnostics().all().stream().filter(d -> d.severity().name().equals("ERROR")).count();
        System.out.printf("file %s: %d top-level statements, %d diagnostics (%d errors)%n",
                file, check.tree().size(), check.diagnostics().all().size(), errors);
        check.diagnostics().all().stream().limit(5).forEach(d -> System.out.println("  " + d.format()));

        // The first half of the rounds warms the JIT up and is not recorded.
        int warmup = rounds / 2;
        int measured = rounds - warmup;
        long[] preOnly = new long[measured];
        long[] tree = new long[measured];
        long[] full = new long[measured];
        for (int i = -warmup; i < measured; i++) {
            long p = time(() -> Preprocessor.read(file, pre, new Diagnostics()));
            long t = time(() -> {
                Diagnostics d = new Diagnostics();
                List<SourceLine> lines = Preprocessor.read(file, pre, d);
                return TreeBuilder.build(lines, Limits.DEFAULT, d);
            });
            long f = time(() -> ConfigLoader.load(file, options));
            if (i >= 0) {
                preOnly[i] = p;
                tree[i] = t;
                full[i] = f;
            }
        }
        System.out.printf("fresh JVM: first preprocess+tree %.1f ms, then first ConfigLoader.load %.1f ms%n",
                coldSyntax / 1e6, cold / 1e6);
        report("preprocess", preOnly);
        report("preprocess+tree", tree);
        report("ConfigLoader.load", full);

        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        long before = usedAfterGc(mem);
        ConfigLoader.LoadResult held = ConfigLoader.load(file, options);
        long after = usedAfterGc(mem);
        System.out.printf("retained heap of one LoadResult: %.1f MiB (%d top-level statements held)%n",
                (after - before) / 1048576.0, held.tree().size());
        System.out.printf("JVM: %s %s, max heap %d MiB, %d CPUs%n", System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors());
    }

    private interface Work {
        Object run();
    }

    private static Object sink;

    private static long time(Work w) {
        long t0 = System.nanoTime();
        sink = w.run();
        return System.nanoTime() - t0;
    }

    private static void report(String what, long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        System.out.printf("%-18s median %7.1f ms   min %7.1f ms   (%d rounds after as many warm-up rounds)%n", what, s[s.length / 2] / 1e6, s[0] / 1e6, s.length);
    }

    private static long usedAfterGc(MemoryMXBean mem) {
        sink = null;
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return mem.getHeapMemoryUsage().getUsed();
    }
}
