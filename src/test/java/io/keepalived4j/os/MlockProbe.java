package io.keepalived4j.os;

import java.nio.file.Files;
import java.nio.file.Path;

/** Child-JVM main for {@link RealtimeSchedulingTest}: mlockall, then prints VmLck from /proc. */
public final class MlockProbe {

    private MlockProbe() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println(RealtimeScheduling.lockAllMemory().message());
        Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmLck")).forEach(System.out::println);
    }
}
