package io.keepalived4j.os;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code tcpdump --immediate-mode -w} in a namespace, started before the traffic and stopped
 * (SIGTERM, by PID) after it; {@link #frames()} parses the pcap file into whole Ethernet frames.
 * Without immediate mode, frames still in the kernel's capture ring when tcpdump stops are lost.
 */
final class Tcpdump implements AutoCloseable {

    private final Process process;
    private final Path pcap;
    private final Path log;

    private Tcpdump(Process process, Path pcap, Path log) {
        this.process = process;
        this.pcap = pcap;
        this.log = log;
    }

    static Tcpdump start(String namespace, String ifname, String filter) throws IOException, InterruptedException {
        Path pcap = Files.createTempFile("k4j-cap-", ".pcap");
        Path log = Files.createTempFile("k4j-cap-", ".log");
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", namespace, "tcpdump", "--immediate-mode", "-i", ifname, "-U",
                "-n", "-s", "2048", "-w", pcap.toString()));
        argv.addAll(List.of(filter.split(" ")));
        Process p = new ProcessBuilder(argv).redirectInput(new File("/dev/null"))
                .redirectOutput(log.toFile()).redirectErrorStream(true).start();
        Tcpdump t = new Tcpdump(p, pcap, log);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!Files.readString(log).contains("listening on")) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                t.close();
                throw new IllegalStateException("tcpdump did not start: " + Files.readString(log));
            }
            Thread.sleep(20);
        }
        return t;
    }

    /** Stops tcpdump and returns every captured frame. */
    List<byte[]> frames() throws IOException, InterruptedException {
        stop();
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(pcap)).order(ByteOrder.LITTLE_ENDIAN);
        int magic = b.getInt(0);
        if (magic != 0xa1b2c3d4 && magic != 0xa1b23c4d) {
            throw new IllegalStateException("not a little-endian pcap file: " + Integer.toHexString(magic));
        }
        List<byte[]> frames = new ArrayList<>();
        for (int at = 24; at + 16 <= b.limit(); ) {
            int captured = b.getInt(at + 8);
            byte[] frame = new byte[captured];
            b.get(at + 16, frame);
            frames.add(frame);
            at += 16 + captured;
        }
        return frames;
    }

    private void stop() throws InterruptedException {
        if (process.isAlive()) {
            // SIGTERM to the tcpdump itself (ip netns exec execs it, so the PID is tcpdump's)
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
        Cmd.delete(pcap);
        Cmd.delete(log);
    }
}
