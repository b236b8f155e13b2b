package io.keepalived4j.daemon;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Child-JVM main for {@link PidFileRaceTest}: prints READY, spins until the go file appears, claims
 * the pid file, prints CLAIMED or REFUSED, and holds it until killed.
 */
public final class PidFileClaimer {

    private PidFileClaimer() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        Path go = Path.of(args[1]);
        System.out.println("READY");
        System.out.flush();
        while (!Files.exists(go)) {
            Thread.onSpinWait();
        }
        try {
            PidFile.claim(file);
            System.out.println("CLAIMED");
        } catch (DaemonAlreadyRunningException e) {
            System.out.println("REFUSED");
        }
        System.out.flush();
        Thread.sleep(60_000);
    }
}
