package io.keepalived4j.testsupport.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * keepalived4j itself in a lab host: the JVM of this test run (same JDK, same class path) running
 * {@code io.keepalived4j.cli.Main -n -l -D -G -P -f CONF}, so the interop tests can put it in
 * place of keepalived 2.2.7 on either node.
 */
public final class Keepalived4jProcess extends LabDaemon {

    /**
     * The launcher's JVM flags (packaging/jvm-options: Serial GC, fixed pre-touched 64 MB heap, no
     * hsperfdata, C1 only), for tests that measure the daemon as it runs in production.
     */
    public static final List<String> LAUNCHER_JVM_FLAGS = launcherFlags();

    private final List<String> jvmOptions;
    private final List<String> main;
    /** {@code --data-plane} with the checkers running, or null for {@code -P} (VRRP only). */
    private final String dataPlane;

    private Keepalived4jProcess(LabHost host, String configText, List<String> jvmOptions, List<String> main) {
        this(host, configText, jvmOptions, main, null);
    }

    private Keepalived4jProcess(LabHost host, String configText, List<String> jvmOptions, List<String> main,
                                String dataPlane) {
        super(host, configText, "keepalived4j", Duration.ofSeconds(20));
        this.jvmOptions = List.copyOf(jvmOptions);
        this.main = List.copyOf(main);
        this.dataPlane = dataPlane;
    }

    /**
     * VRRP and the health checkers (no {@code -P}), the checkers' pid file in the lab,
     * {@code --data-plane none}: the seeds' load balancers as keepalived runs them.
     */
    public static Keepalived4jProcess withCheckers(LabHost host, String configText) {
        return new Keepalived4jProcess(host, configText, List.of(), List.of(), "none");
    }

    /** VRRP, the health checkers and the userspace proxy ({@code --data-plane proxy}), plus {@code extra} flags. */
    public static Keepalived4jProcess withProxy(LabHost host, String configText, String... extra) {
        Keepalived4jProcess p = new Keepalived4jProcess(host, configText, List.of(), List.of(), "proxy");
        p.extraArgs = List.of(extra);
        return p;
    }

    private List<String> extraArgs = List.of();
    /** Lab daemons run side by side: none shares the default control socket unless a test names one. */
    private Path controlSocket;

    /** VRRP only ({@code -P}), with the runtime control channel on {@code socket}. */
    public static Keepalived4jProcess withControlSocket(LabHost host, String configText, Path socket) {
        Keepalived4jProcess p = new Keepalived4jProcess(host, configText, List.of(), List.of());
        p.controlSocket = socket;
        return p;
    }

    /** VRRP only ({@code -P}), with {@code extra} flags (e.g. {@code --status-address 9650}). */
    public static Keepalived4jProcess withArgs(LabHost host, String configText, String... extra) {
        Keepalived4jProcess p = new Keepalived4jProcess(host, configText, List.of(), List.of());
        p.extraArgs = List.of(extra);
        return p;
    }

    /** Writes the config into the lab's work directory; {@link #start()} runs it. */
    public static Keepalived4jProcess create(LabHost host, String configText) {
        return new Keepalived4jProcess(host, configText, List.of(), List.of());
    }

    /**
     * As {@link #create(LabHost, String)}, with extra JVM options after the default ones (later
     * flags win), e.g. {@link #LAUNCHER_JVM_FLAGS} or {@code -Xlog:gc:file=...}.
     */
    public static Keepalived4jProcess create(LabHost host, String configText, List<String> jvmOptions) {
        return new Keepalived4jProcess(host, configText, jvmOptions, List.of());
    }

    /**
     * The daemon under another main class of the test class path, given the fault to inject and
     * its trigger file, then the config and pid files (the fault-injection tests' FaultyDaemonMain).
     */
    public static Keepalived4jProcess withFault(LabHost host, String configText, String mainClass, String fault,
                                                Path trigger) {
        return new Keepalived4jProcess(host, configText, List.of(), List.of(mainClass, fault, trigger.toString()));
    }

    /** This JVM's java and class path, with native access for the FFM layer. */
    @Override
    List<String> command() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> argv = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC",
                "-Xshare:auto"));
        argv.addAll(jvmOptions);
        argv.addAll(List.of("-cp", System.getProperty("java.class.path")));
        if (!main.isEmpty()) {
            argv.addAll(main);
            argv.addAll(List.of(config.toString(), pidFile.toString(), vrrpPidFile.toString()));
            return argv;
        }
        argv.addAll(List.of("io.keepalived4j.cli.Main", "-n", "-l", "-D", "-G"));
        if (dataPlane != null) {
            argv.addAll(List.of("-c", pidFile.resolveSibling(pidFile.getFileName() + ".checkers").toString(),
                    "--data-plane", dataPlane));
            argv.addAll(extraArgs);
        } else {
            argv.add("-P");
            argv.addAll(extraArgs);
        }
        argv.addAll(List.of("--control-socket", controlSocket == null ? "none" : controlSocket.toString()));
        argv.addAll(List.of("-f", config.toString(), "-p", pidFile.toString(), "-r", vrrpPidFile.toString()));
        return argv;
    }

    private static List<String> launcherFlags() {
        try {
            return Files.readAllLines(Path.of("packaging", "jvm-options")).stream().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("packaging/jvm-options (tests run from the repository root)", e);
        }
    }
}
