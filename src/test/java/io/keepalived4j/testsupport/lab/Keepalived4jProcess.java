package io.keepalived4j.testsupport.lab;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * keepalived4j itself in a lab host: the JVM of this test run (same JDK, same class path) running
 * {@code io.keepalived4j.cli.Main -n -l -D -G -P -f CONF}, so the interop tests can put it in
 * place of keepalived 2.2.7 on either node.
 */
public final class Keepalived4jProcess extends LabDaemon {

    private final List<String> main;

    private Keepalived4jProcess(LabHost host, String configText, List<String> main) {
        super(host, configText, "keepalived4j", Duration.ofSeconds(20));
        this.main = main;
    }

    /** Writes the config into the lab's work directory; {@link #start()} runs it. */
    public static Keepalived4jProcess create(LabHost host, String configText) {
        return new Keepalived4jProcess(host, configText, List.of());
    }

    /**
     * The daemon under another main class of the test class path, given the fault to inject and
     * its trigger file, then the config and pid files (the fault-injection tests' FaultyDaemonMain).
     */
    public static Keepalived4jProcess withFault(LabHost host, String configText, String mainClass, String fault,
                                                Path trigger) {
        return new Keepalived4jProcess(host, configText, List.of(mainClass, fault, trigger.toString()));
    }

    /** This JVM's java and class path, with native access for the FFM layer. */
    @Override
    List<String> command() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        if (!main.isEmpty()) {
            List<String> argv = new java.util.ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
                    "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path")));
            argv.addAll(main);
            argv.addAll(List.of(config.toString(), pidFile.toString(), vrrpPidFile.toString()));
            return argv;
        }
        return List.of(java, "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), "io.keepalived4j.cli.Main",
                "-n", "-l", "-D", "-G", "-P", "-f", config.toString(), "-p", pidFile.toString(),
                "-r", vrrpPidFile.toString());
    }
}
