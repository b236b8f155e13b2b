package io.keepalived4j.api;

import io.keepalived4j.check.PoolStatus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code keepalived4j status}: the snapshot as tables for a terminal, VRRP first, then the pools
 * in the shape of {@code ipvsadm -ln} (a virtual server line, its real servers indented under it)
 * with the checkers' view added.
 */
public final class StatusTables {

    private StatusTables() {
    }

    public static String text(StatusSnapshot s) {
        StringBuilder b = new StringBuilder();
        if (!s.instances().isEmpty()) {
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("INSTANCE", "STATE", "PRIO", "BASE", "VRID", "INTERFACE", "VIPS", "PEERS HEARD",
                    "SENT", "RCVD", "REJECTED", "SPLIT-BRAIN"));
            for (InstanceView i : s.instances()) {
                long rejected = i.rejects().values().stream().mapToLong(Long::longValue).sum();
                rows.add(List.of(i.name(), i.state().name(), String.valueOf(i.effectivePriority()),
                        String.valueOf(i.basePriority()), String.valueOf(i.vrid()), i.interfaceName(),
                        (i.vipsSet() ? "set " : "") + i.vips().size(),
                        i.peersHeard().isEmpty() ? "-" : i.peersHeard().stream()
                                .map(p -> p.address() + "(" + p.priority() + ")").collect(Collectors.joining(",")),
                        String.valueOf(i.counters().advertsSent()), String.valueOf(i.counters().advertsReceived()),
                        String.valueOf(rejected), String.valueOf(i.splitBrain().reports())));
            }
            table(b, rows);
            for (InstanceView i : s.instances()) {
                details(b, i, s);
            }
        }
        if (!s.virtualServers().isEmpty()) {
            if (!b.isEmpty()) {
                b.append('\n');
            }
            pools(b, s.virtualServers());
        }
        if (b.isEmpty()) {
            b.append("nothing configured\n");
        }
        return b.toString();
    }

    private static void details(StringBuilder b, InstanceView i, StatusSnapshot s) {
        List<String> parts = new ArrayList<>();
        Duration since = Duration.between(i.lastTransition(), s.taken());
        parts.add("in " + i.state() + " for " + human(since));
        for (TrackerView t : i.trackers()) {
            parts.add(t.kind() + " " + t.name() + " " + (t.kind().equals(TrackerView.FILE) ? "=" + t.value()
                    : t.up() ? "up" : "down") + " weight " + t.weight());
        }
        i.rejects().forEach((r, n) -> parts.add("rejected " + r.name().toLowerCase(java.util.Locale.ROOT) + " " + n));
        i.splitBrain().last().ifPresent(l -> parts.add("last split brain: " + l));
        b.append("  ").append(i.name()).append(": ").append(String.join("; ", parts)).append('\n');
    }

    private static void pools(StringBuilder b, List<VirtualServerView> pools) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("Prot LocalAddress:Port", "Forward", "Weight", "ActiveConn", "InActConn", "Checks"));
        for (VirtualServerView vs : pools) {
            rows.add(List.of(vs.service(), "", String.valueOf(vs.liveWeight()), "", "",
                    "quorum " + (vs.quorumUp() ? "up" : "DOWN")));
            List<VirtualServerView.RealServerView> all = new ArrayList<>(vs.servers());
            vs.sorry().ifPresent(all::add);
            for (VirtualServerView.RealServerView rs : all) {
                String checks = rs.checkers().stream().map(StatusTables::check).collect(Collectors.joining(", "));
                rows.add(List.of("  -> " + rs.server(), rs.set() ? "in" : "out", String.valueOf(rs.weight()),
                        rs.activeConnections().isPresent() ? String.valueOf(rs.activeConnections().getAsLong()) : "-",
                        rs.inactiveConnections().isPresent() ? String.valueOf(rs.inactiveConnections().getAsLong()) : "-",
                        (rs.alive() ? "alive" : "DEAD") + (checks.isEmpty() ? "" : ": " + checks)));
            }
        }
        table(b, rows);
    }

    private static String check(PoolStatus.CheckerStatus c) {
        return c.checker() + " " + (c.up() ? "up" : "down") + (c.enabled() ? "" : " (suspended)")
                + c.last().map(l -> " [" + l + "]").orElse("");
    }

    private static String human(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return s >= 86_400 ? s / 86_400 + "d" + (s % 86_400) / 3600 + "h"
                : s >= 3600 ? s / 3600 + "h" + (s % 3600) / 60 + "m"
                : s >= 60 ? s / 60 + "m" + s % 60 + "s" : s + "s";
    }

    /** Left-aligned columns two spaces apart; the last column is not padded. */
    private static void table(StringBuilder b, List<List<String>> rows) {
        int cols = rows.getFirst().size();
        int[] width = new int[cols];
        for (List<String> r : rows) {
            for (int c = 0; c < cols; c++) {
                width[c] = Math.max(width[c], r.get(c).length());
            }
        }
        for (List<String> r : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < cols; c++) {
                line.append(c == cols - 1 ? r.get(c) : String.format("%-" + width[c] + "s  ", r.get(c)));
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
    }
}
