package io.keepalived4j.daemon;

import io.keepalived4j.config.model.TrackProcess;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * vrrp_track_process by looking at /proc: how many processes match, as keepalived matches them
 * (/proc/PID/comm exactly, or the command line with full_command, its arguments exactly, as a
 * prefix (param_match initial) or anywhere (partial)). keepalived follows the proc connector;
 * we count on each poll, which bounds the reaction time by the poll interval.
 */
final class ProcessCensus {

    private final Path proc;

    ProcessCensus(Path proc) {
        this.proc = proc;
    }

    static ProcessCensus system() {
        return new ProcessCensus(Path.of("/proc"));
    }

    /** One process's comm and argv. */
    record Process(String comm, List<String> argv) {
    }

    List<Process> processes() {
        List<Process> out = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(proc, p -> p.getFileName().toString().chars()
                .allMatch(Character::isDigit))) {
            for (Path d : dirs) {
                try {
                    String comm = Files.readString(d.resolve("comm"), StandardCharsets.UTF_8).strip();
                    byte[] cmd = Files.readAllBytes(d.resolve("cmdline"));
                    out.add(new Process(comm, argv(cmd)));
                } catch (IOException e) {
                    // The process ended while we looked: it no longer counts.
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    private static List<String> argv(byte[] cmdline) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < cmdline.length; i++) {
            if (cmdline[i] == 0) {
                out.add(new String(cmdline, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        if (start < cmdline.length) {
            out.add(new String(cmdline, start, cmdline.length - start, StandardCharsets.UTF_8));
        }
        return out;
    }

    /** Whether {@code p} is one of the processes {@code t} counts. */
    static boolean matches(TrackProcess t, Process p) {
        List<String> wanted = List.of(t.process().strip().split("\\s+"));
        String name = wanted.getFirst();
        // comm is at most 15 characters (TASK_COMM_LEN): keepalived compares that much.
        boolean nameMatches = t.fullCommand()
                ? !p.argv().isEmpty() && p.argv().getFirst().equals(name)
                : p.comm().equals(name.length() > 15 ? name.substring(0, 15) : name);
        if (!nameMatches) {
            return false;
        }
        if (wanted.size() == 1) {
            return true;
        }
        List<String> args = wanted.subList(1, wanted.size());
        List<String> have = p.argv().isEmpty() ? List.of() : p.argv().subList(1, p.argv().size());
        return switch (t.paramMatch()) {
            case "initial" -> have.size() >= args.size() && have.subList(0, args.size()).equals(args);
            // keepalived: the parameters as a contiguous run of whole arguments.
            case "partial" -> java.util.Collections.indexOfSubList(have, args) >= 0;
            default -> have.equals(args);
        };
    }

    /** Whether the quorum is met now. */
    boolean quorumMet(TrackProcess t) {
        long n = processes().stream().filter(p -> matches(t, p)).count();
        return n >= t.quorum() && (t.quorumMax() <= 0 || n <= t.quorumMax());
    }
}
