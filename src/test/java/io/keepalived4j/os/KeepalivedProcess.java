package io.keepalived4j.os;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Real keepalived 2.2.7 in a namespace, VRRP only, in the foreground, logging to a file, with its
 * own pid files in a temp directory. {@link #close()} stops it with SIGTERM by PID (its VRRP child
 * too, if it outlives the parent) and removes the directory.
 */
final class KeepalivedProcess implements AutoCloseable {

    private final Process process;
    private final Path dir;
    private final Path log;

    private KeepalivedProcess(Process process, Path dir, Path log) {
        this.process = process;
        this.dir = dir;
        this.log = log;
    }

    static KeepalivedProcess start(String namespace, String config) throws IOException {
        Path dir = Files.createTempDirectory("k4j-keepalived-");
        Path conf = Files.writeString(dir.resolve("keepalived.conf"), config);
        Path log = dir.resolve("keepalived.log");
        List<String> argv = List.of("ip", "netns", "exec", namespace, "/usr/sbin/keepalived", "-n", "-l", "-D", "-G",
                "-P", "-f", conf.toString(), "-p", dir.resolve("ka.pid").toString(),
                "-r", dir.resolve("vrrp.pid").toString(), "-c", dir.resolve("chk.pid").toString(),
                "-b", dir.resolve("bfd.pid").toString());
        Process p = new ProcessBuilder(argv).redirectInput(new File("/dev/null"))
                .redirectOutput(log.toFile()).redirectErrorStream(true).start();
        return new KeepalivedProcess(p, dir, log);
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    /** Waits up to {@code millis} for {@code text} in the log. */
    boolean awaitLog(String text, long millis) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < deadline) {
            if (log().contains(text)) {
                return true;
            }
            if (!process.isAlive()) {
                return log().contains(text);
            }
            Thread.sleep(50);
        }
        return false;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        if (process.isAlive()) {
            process.destroy(); // SIGTERM: keepalived stops its VRRP child and removes its VIPs
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        }
        for (ProcessHandle child : children) {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
