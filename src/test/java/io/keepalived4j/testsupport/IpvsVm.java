package io.keepalived4j.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * One boot of Debian's kernel in qemu (lab/ipvs-vm/run.sh): a real IPVS kernel for tests, with
 * ipvsadm, keepalived 2.2.7 and busybox in the guest and, when {@link Builder#shareTestJvm()}
 * is set, this test JVM's JDK and classpath mounted read-only over 9p at the same paths, so the
 * guest runs keepalived4j itself ({@code $K4J_DAEMON}) against the guest kernel.
 *
 * <pre>{@code
 * IpvsVm.assumeAvailableOrFailOnCi();
 * IpvsVm.Result vm = IpvsVm.script("""
 *         echo K4J_SECTION check
 *         $K4J_DAEMON -t -f /etc/keepalived4j/test.conf 2>&1; echo "exit $?"
 *         echo K4J_SECTION table
 *         ipvsadm -Ln
 *         """)
 *         .shareTestJvm()
 *         .file("/etc/keepalived4j/test.conf", config)
 *         .timeLimit(Duration.ofSeconds(60))
 *         .run();
 * assertThat(vm.guestExit()).as(vm.output()).hasValue(0);
 * assertThat(vm.section("check")).contains("exit 0");
 * }</pre>
 *
 * <p>The guest script runs with busybox sh as root after the modules (IPVS and every scheduler,
 * dummy, the 9p and virtio ones) are loaded; its stdout and stderr are the serial console. It
 * marks parts of its output with {@code K4J_SECTION <name>} lines, which {@link Result#section}
 * cuts out. The guest has no network device unless {@link Builder#tap} attaches one (its
 * {@code eth0}); then qemu must run in the tap's namespace ({@link Builder#netns}).
 * A boot costs about 5 s (3 s of it emulating the kernel's start), each JVM start in the guest
 * 1 s ({@code java -version}) to 6-7 s (the daemon's {@code -t}): keep the boots per test few.
 */
public final class IpvsVm {

    /** The script that boots the guest, relative to the project directory (surefire's working dir). */
    public static final Path RUN_SH = Path.of("lab/ipvs-vm/run.sh");

    /** The daemon's main class. */
    public static final String MAIN = "io.keepalived4j.cli.Main";

    /**
     * JVM flags for the daemon in the guest (1 vCPU under TCG), measured with
     * {@code keepalived4j -t} (lab/ipvs-vm/README.md): C1 only, serial GC, no hsperfdata file,
     * the JDK's CDS archive. Without them -t takes ~10 s instead of ~6-7 s. -Xint is ~1 s faster for
     * -t alone but interprets the daemon's steady state too; an AOT cache (JDK 25) breaks on the
     * guest's CPU (SIGILL in cached adapters) and needs jars, not class directories.
     */
    public static final List<String> GUEST_JVM_FLAGS = List.of(
            "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-XX:-UsePerfData", "-Xshare:auto");

    private static final Duration DEFAULT_LIMIT = Duration.ofSeconds(120);
    // run.sh's own preparation (first use: apt-get download of the kernel, unpacking) comes on top
    // of the boot's limit.
    private static final Duration SETUP_ALLOWANCE = Duration.ofSeconds(300);
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_./:=+,@%-]+");

    private IpvsVm() {}

    /** A boot running {@code script} (busybox sh) in the guest. */
    public static Builder script(String script) {
        return new Builder(script, null);
    }

    /** A boot running the guest script in {@code file}. */
    public static Builder scriptFile(Path file) {
        return new Builder(null, file);
    }

    /**
     * Returns when this machine can boot the VM: root (run.sh installs qemu and downloads the
     * kernel with apt), run.sh present, qemu installed or installable, a kernel cached or known to
     * apt. Otherwise fails on CI (env {@code CI=true}) and aborts (skips) the test elsewhere.
     */
    public static void assumeAvailableOrFailOnCi() {
        String missing = Probe.MISSING;
        if (missing == null) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError("VM test cannot be skipped on CI: " + missing);
        }
        Assumptions.abort("cannot boot the IPVS VM: " + missing);
    }

    /**
     * The command that runs keepalived4j in the guest: this JVM's {@code java} with
     * {@link #GUEST_JVM_FLAGS}, this JVM's classpath, {@link #MAIN}. Paths are the real ones
     * (symbolic links resolved), which is where the shares are mounted. Add the daemon's arguments.
     */
    public static List<String> javaCommand() {
        List<String> argv = new ArrayList<>();
        argv.add(javaHome().resolve("bin/java").toString());
        argv.addAll(GUEST_JVM_FLAGS);
        argv.add("-cp");
        argv.add(String.join(":", classpath().stream().map(Path::toString).toList()));
        argv.add(MAIN);
        return argv;
    }

    /** {@link #javaCommand()} as one line for a guest script (no path has blanks or quotes). */
    public static String javaCommandLine() {
        List<String> argv = javaCommand();
        for (String arg : argv) {
            if (!SHELL_SAFE.matcher(arg).matches()) {
                throw new IllegalStateException("cannot pass to a guest shell unquoted: " + arg);
            }
        }
        return String.join(" ", argv);
    }

    /**
     * The host directories that hold this JVM's classpath, as few as possible: a directory entry
     * itself, a jar's directory, and directories whose common ancestor is at least three levels
     * deep merged into it ({@code ~/.m2/repository/...} jars into {@code /root/.m2/repository},
     * {@code target/classes} and {@code target/test-classes} into {@code target}). Each becomes
     * one 9p device. The JDK is shared by run.sh itself (K4J_VM_JAVA).
     */
    public static List<Path> classpathShares() {
        List<Path> shares = new ArrayList<>();
        for (Path entry : classpath()) {
            Path dir = Files.isDirectory(entry) ? entry : entry.getParent();
            boolean merged = false;
            for (int i = 0; i < shares.size() && !merged; i++) {
                Path common = commonAncestor(shares.get(i), dir);
                if (common.getNameCount() >= 3) {
                    shares.set(i, common);
                    merged = true;
                }
            }
            if (!merged) {
                shares.add(dir);
            }
        }
        // A merge can make one share contain another.
        List<Path> result = new ArrayList<>();
        for (Path s : shares) {
            if (shares.stream().noneMatch(o -> !o.equals(s) && s.startsWith(o)) && !result.contains(s)) {
                result.add(s);
            }
        }
        return result;
    }

    static Path javaHome() {
        return realPath(Path.of(System.getProperty("java.home")));
    }

    // Surefire sets java.class.path to the test classpath (its booter jar is elsewhere). Entries
    // that do not exist are left out: the guest could not find them either.
    static List<Path> classpath() {
        List<Path> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(":")) {
            if (!entry.isEmpty() && Files.exists(Path.of(entry))) {
                Path real = realPath(Path.of(entry));
                if (!entries.contains(real)) {
                    entries.add(real);
                }
            }
        }
        return entries;
    }

    private static Path commonAncestor(Path a, Path b) {
        Path common = a.getRoot();
        for (int i = 0; i < Math.min(a.getNameCount(), b.getNameCount()) && a.getName(i).equals(b.getName(i)); i++) {
            common = common.resolve(a.getName(i));
        }
        return common;
    }

    private static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve " + p, e);
        }
    }

    /** Options of one boot; {@link #run()} boots. */
    public static final class Builder {
        private final String scriptText;
        private final Path scriptFile;
        private final Map<String, String> env = new LinkedHashMap<>();
        private final List<Path> shares = new ArrayList<>();
        private final List<String[]> files = new ArrayList<>(); // {host path or null, guest path, content}
        private final List<String> modules = new ArrayList<>();
        private boolean shareTestJvm;
        private String tap;
        private String netns;
        private Integer memoryMib;
        private Duration limit = DEFAULT_LIMIT;

        private Builder(String scriptText, Path scriptFile) {
            this.scriptText = scriptText;
            this.scriptFile = scriptFile;
        }

        /**
         * Shares this JVM's JDK (K4J_VM_JAVA, so its system libraries go into the initramfs) and
         * {@link #classpathShares()}, gives the guest 1 GiB unless {@link #memoryMib} says
         * otherwise, and exports {@code K4J_JAVA} (the java binary) and {@code K4J_DAEMON}
         * ({@link #javaCommandLine()}: append the daemon's arguments) to the guest script.
         */
        public Builder shareTestJvm() {
            shareTestJvm = true;
            return this;
        }

        /** A host directory mounted read-only at the same path in the guest. */
        public Builder share(Path dir) {
            shares.add(dir);
            return this;
        }

        /** Exports {@code name=value} to the guest script (no newline in the value). */
        public Builder env(String name, String value) {
            if (!ENV_NAME.matcher(name).matches() || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("bad guest environment entry " + name + "=" + value);
            }
            env.put(name, value);
            return this;
        }

        /** A file with {@code content} at {@code guestPath} (absolute) in the guest's root file system. */
        public Builder file(String guestPath, String content) {
            files.add(new String[] {null, guestPath, content});
            return this;
        }

        /** The host file or directory {@code host} copied to {@code guestPath} in the guest. */
        public Builder file(String guestPath, Path host) {
            files.add(new String[] {host.toAbsolutePath().toString(), guestPath, null});
            return this;
        }

        /** More modules of the guest kernel to load (with their dependencies), e.g. veth or bridge. */
        public Builder module(String name) {
            modules.add(name);
            return this;
        }

        /** A virtio NIC (the guest's eth0) on this host tap; see {@link #netns}. */
        public Builder tap(String tapName) {
            this.tap = tapName;
            return this;
        }

        /** Runs run.sh, and so qemu, in this network namespace ({@code ip netns exec}), where the tap is. */
        public Builder netns(String namespace) {
            this.netns = namespace;
            return this;
        }

        /** Guest memory; run.sh's default is 256 MiB, 1024 MiB with the test JVM shared. */
        public Builder memoryMib(int mib) {
            this.memoryMib = mib;
            return this;
        }

        /** How long the boot may take, from qemu's start to the guest's power-off (default 120 s). */
        public Builder timeLimit(Duration limit) {
            this.limit = limit;
            return this;
        }

        /**
         * Boots, waits for the guest to power off (or kills qemu at the time limit) and returns
         * what the console showed. Does not judge the outcome: assert on {@link Result}.
         */
        public Result run() {
            Path work;
            try {
                work = Files.createTempDirectory("k4j-ipvsvm-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try {
                return boot(work);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                deleteTree(work);
            }
        }

        private Result boot(Path work) throws IOException {
            Path script = scriptFile;
            if (script == null) {
                script = Files.writeString(work.resolve("guest.sh"), scriptText, StandardCharsets.UTF_8);
            }
            Path runSh = RUN_SH.toAbsolutePath();
            if (!Files.isExecutable(runSh)) {
                throw new IllegalStateException(runSh + " is missing (surefire's working dir must be the project)");
            }
            Map<String, String> vmEnv = new LinkedHashMap<>();
            List<Path> allShares = new ArrayList<>(shares);
            Map<String, String> guestEnv = new LinkedHashMap<>();
            if (shareTestJvm) {
                vmEnv.put("K4J_VM_JAVA", javaHome().toString());
                allShares.addAll(classpathShares());
                guestEnv.put("K4J_JAVA", javaHome().resolve("bin/java").toString());
                guestEnv.put("K4J_DAEMON", javaCommandLine());
            }
            guestEnv.putAll(env);
            if (!allShares.isEmpty()) {
                vmEnv.put("K4J_VM_SHARE", String.join(":", allShares.stream().map(Path::toString).toList()));
            }
            if (!guestEnv.isEmpty()) {
                StringBuilder lines = new StringBuilder();
                // One entry per line, newline-terminated even when alone: run.sh then never splits on blanks.
                guestEnv.forEach((k, v) -> lines.append(k).append('=').append(v).append('\n'));
                vmEnv.put("K4J_VM_ENV", lines.toString());
            }
            if (!files.isEmpty()) {
                List<String> specs = new ArrayList<>();
                int n = 0;
                for (String[] f : files) {
                    String host = f[0];
                    if (host == null) {
                        host = Files.writeString(work.resolve("file" + n++), f[2], StandardCharsets.UTF_8).toString();
                    }
                    if (!f[1].startsWith("/") || (host + f[1]).matches(".*\\s.*")) {
                        throw new IllegalArgumentException("guest path must be absolute, paths without blanks: " + host + " -> " + f[1]);
                    }
                    specs.add(host + ":" + f[1]);
                }
                vmEnv.put("K4J_VM_FILES", String.join("\n", specs));
            }
            if (!modules.isEmpty()) {
                vmEnv.put("K4J_VM_MODULES", String.join(" ", modules));
            }
            if (tap != null) {
                vmEnv.put("K4J_VM_TAP", tap);
            }
            if (memoryMib != null) {
                vmEnv.put("K4J_VM_MEM", Integer.toString(memoryMib));
            }
            vmEnv.put("K4J_VM_LIMIT", Long.toString(Math.max(1, limit.toSeconds())));

            List<String> argv = new ArrayList<>();
            if (netns != null) {
                argv.addAll(List.of("ip", "netns", "exec", netns));
            }
            argv.add("env");
            vmEnv.forEach((k, v) -> argv.add(k + "=" + v));
            argv.add(runSh.toString());
            argv.add(script.toAbsolutePath().toString());
            long start = System.nanoTime();
            ExecResult r = Exec.run(argv, limit.plus(SETUP_ALLOWANCE));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            return new Result(r.stdout().lines().toList(), r.stderr(), r.exitCode(), r.timedOut() || r.exitCode() == 3, took);
        }
    }

    /**
     * What one boot showed.
     *
     * @param lines    the serial console, line by line (the guest script's stdout and stderr, the
     *                 init's GUEST_START/GUEST_EXIT lines, kernel messages of level err and worse)
     * @param stderr   run.sh's own messages (setup, "did not finish")
     * @param runExit  run.sh's status: 0 guest script exited 0, 1 it did not, 2 usage or setup
     *                 error, 3 time limit
     * @param timedOut the guest did not finish within the time limit
     * @param took     wall time of run.sh (setup, boot, script, power-off)
     */
    public record Result(List<String> lines, String stderr, int runExit, boolean timedOut, Duration took) {

        private static final String SECTION = "K4J_SECTION ";
        private static final String EXIT = "GUEST_EXIT ";

        /** The guest script's exit status from the {@code GUEST_EXIT} line, empty when it never finished. */
        public OptionalInt guestExit() {
            for (String line : lines) {
                if (line.startsWith(EXIT)) {
                    return OptionalInt.of(Integer.parseInt(line.substring(EXIT.length()).strip()));
                }
            }
            return OptionalInt.empty();
        }

        /**
         * The lines after {@code K4J_SECTION name} up to the next {@code K4J_SECTION} or
         * {@code GUEST_EXIT}; fails, with the whole console, when there is no such section.
         */
        public List<String> section(String name) {
            int from = lines.indexOf(SECTION + name);
            if (from < 0) {
                throw new AssertionError("no section '" + name + "' in the guest's output:\n" + output());
            }
            List<String> out = new ArrayList<>();
            for (String line : lines.subList(from + 1, lines.size())) {
                if (line.startsWith(SECTION) || line.startsWith(EXIT)) {
                    break;
                }
                out.add(line);
            }
            return out;
        }

        /** Whether the guest printed {@code K4J_SECTION name}. */
        public boolean hasSection(String name) {
            return lines.contains(SECTION + name);
        }

        /** The console and run.sh's messages, for assertion messages. */
        public String output() {
            return String.join("\n", lines) + (stderr.isBlank() ? "" : "\n[run.sh stderr]\n" + stderr.strip())
                    + "\n[run.sh exit " + runExit + (timedOut ? ", timed out" : "") + ", " + took.toMillis() + " ms]";
        }
    }

    // Holder idiom: the probe runs once per JVM, on first use.
    private static final class Probe {
        static final String MISSING = probe();
    }

    private static String probe() {
        long uid;
        try {
            uid = Root.effectiveUid();
        } catch (RuntimeException e) {
            return "cannot tell the uid: " + e.getMessage();
        }
        if (uid != 0) {
            return "not root (uid " + uid + "): run.sh installs qemu and downloads the kernel with apt";
        }
        if (!Files.isExecutable(RUN_SH)) {
            return RUN_SH.toAbsolutePath() + " missing";
        }
        if (!onPath("qemu-system-x86_64") && !aptKnows(List.of("apt-cache", "policy", "qemu-system-x86"), "Candidate: [0-9]")) {
            return "no qemu-system-x86_64 and apt has no qemu-system-x86";
        }
        if (!kernelCached() && !aptKnows(List.of("apt-cache", "depends", "linux-image-amd64"), "Depends: linux-image-[0-9]")) {
            return "no cached kernel and apt knows no linux-image-amd64 (apt-get update?)";
        }
        return null;
    }

    private static boolean kernelCached() {
        Path cache = Path.of(System.getenv().getOrDefault("K4J_VM_CACHE", "/var/cache/keepalived4j/ipvs-vm"));
        try (var files = Files.list(cache)) {
            return files.anyMatch(p -> p.getFileName().toString().startsWith("vmlinux-"));
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean aptKnows(List<String> argv, String regex) {
        try {
            ExecResult r = Exec.run(argv, Duration.ofSeconds(30));
            return r.ok() && Pattern.compile(regex).matcher(r.stdout()).find();
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // A leftover temp file must not hide the boot's outcome.
        }
    }
}
