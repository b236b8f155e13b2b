package io.keepalived4j.notify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Test scripts written to a temp dir, and checks on the processes they leave behind. */
final class Scripts {

    private Scripts() {
    }

    /** Writes an executable /bin/sh script. */
    static Path write(Path dir, String name, String body) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    /** Whether a process runs (a zombie waiting to be reaped does not). */
    static boolean alive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            char state = stat.substring(stat.lastIndexOf(')') + 2).charAt(0);
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return false;
        }
    }

    /** Polls until the file has content (a script writes it), up to the deadline. */
    static String awaitContent(Path file, long millis) throws Exception {
        long end = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < end) {
            if (Files.exists(file) && Files.size(file) > 0) {
                String s = Files.readString(file);
                if (s.endsWith("\n")) {
                    return s;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("nothing written to " + file + " in " + millis + " ms");
    }
}
