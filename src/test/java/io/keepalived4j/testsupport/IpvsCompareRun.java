package io.keepalived4j.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The console output of lab/ipvs-vm/compare.sh (the IPVS table comparison): its sections
 * ({@code K4J_SECTION <daemon>.<part>} up to the next section, {@code K4J_END} or {@code GUEST_EXIT}),
 * each daemon's tables per phase ({@link #PHASES}) parsed with {@link IpvsadmListing}, its wait
 * events and its log.
 */
public final class IpvsCompareRun {

    /** The phases compare.sh prints a table for, in order. */
    public static final List<String> PHASES = List.of("start", "down", "up", "stopped");

    private static final String SECTION = "K4J_SECTION ";

    private final Map<String, List<String>> sections;

    private IpvsCompareRun(Map<String, List<String>> sections) {
        this.sections = sections;
    }

    public static IpvsCompareRun read(Path console) {
        try {
            return parse(Files.readAllLines(console));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static IpvsCompareRun parse(List<String> console) {
        Map<String, List<String>> sections = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : console) {
            if (line.startsWith(SECTION)) {
                String name = line.substring(SECTION.length()).strip();
                current = new ArrayList<>();
                if (sections.put(name, current) != null) {
                    throw new IllegalArgumentException("compare.sh output: section " + name + " twice");
                }
            } else if (line.equals("K4J_END") || line.startsWith("GUEST_EXIT ")) {
                current = null;
            } else if (current != null) {
                current.add(line);
            }
        }
        return new IpvsCompareRun(sections);
    }

    /** Section names in output order ({@code keepalived.start}, ..., {@code keepalived.log}, ...). */
    public List<String> sectionNames() {
        return List.copyOf(sections.keySet());
    }

    /** The daemons that have a table for every phase, in output order. */
    public List<String> daemons() {
        return sections.keySet().stream().filter(s -> s.endsWith(".start")).map(s -> s.substring(0, s.length() - 6))
                .filter(d -> PHASES.stream().allMatch(p -> sections.containsKey(d + "." + p))).toList();
    }

    public List<String> section(String name) {
        List<String> lines = sections.get(name);
        if (lines == null) {
            throw new IllegalArgumentException("compare.sh output has no section " + name + " (has " + sections.keySet() + ")");
        }
        return List.copyOf(lines);
    }

    /** The {@code ipvsadm -Ln} table {@code daemon} left in {@code phase} (one of {@link #PHASES}). */
    public IpvsadmListing table(String daemon, String phase) {
        return IpvsadmListing.parse(section(daemon + "." + phase));
    }

    /** compare.sh's wait report for {@code daemon}: "phase condition=ok after=..s stable=ok ...", ... */
    public List<String> events(String daemon) {
        return section(daemon + ".events");
    }

    public List<String> log(String daemon) {
        return section(daemon + ".log");
    }
}
