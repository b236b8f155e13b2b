package io.keepalived4j.daemon;

import io.keepalived4j.check.PoolStatus;
import io.keepalived4j.config.model.KeepalivedConfig;

import java.nio.file.Path;
import java.util.List;

/**
 * SIGUSR1's checker side: keepalived writes its checker data to {@code keepalived.check} (next to
 * keepalived.data) with {@code ------< Virtual server >------} / {@code ------< Real server >------}
 * blocks; this writes the pools' live state in that layout.
 */
final class CheckerDump {

    private CheckerDump() {
    }

    static void write(List<PoolStatus.VirtualServerStatus> pools, KeepalivedConfig config) {
        write(pools, StateDump.path(config.global().other(), "state_dump_file_checker", "keepalived.check"));
    }

    static void write(List<PoolStatus.VirtualServerStatus> pools, Path target) {
        CheckerService.LOG.info("Printing checker data for process({}) on signal", ProcessHandle.current().pid());
        StateDump.writeText(target, text(pools));
    }

    static String text(List<PoolStatus.VirtualServerStatus> pools) {
        StringBuilder b = new StringBuilder("------< Health checkers >------\n");
        for (PoolStatus.VirtualServerStatus vs : pools) {
            b.append(" ------< Virtual server >------\n")
                    .append(" VS = ").append(vs.service()).append('\n')
                    .append("   quorum state = ").append(vs.quorumUp() ? "UP" : "DOWN").append('\n')
                    .append("   live weight = ").append(vs.liveWeight()).append('\n');
            for (PoolStatus.RealServerStatus rs : vs.servers()) {
                server(b, rs, "Real server");
            }
            vs.sorry().ifPresent(s -> server(b, s, "Sorry server"));
        }
        return b.toString();
    }

    private static void server(StringBuilder b, PoolStatus.RealServerStatus rs, String what) {
        b.append("   ------< ").append(what).append(" >------\n")
                .append("   RS = ").append(rs.server()).append(", WEIGHT = ").append(rs.weight()).append('\n')
                .append("   alive = ").append(rs.alive() ? 1 : 0).append('\n')
                .append("   RS set = ").append(rs.set() ? 1 : 0).append('\n');
        for (PoolStatus.CheckerStatus c : rs.checkers()) {
            b.append("   Checker = ").append(c.checker()).append(", ").append(c.up() ? "UP" : "DOWN")
                    .append(c.enabled() ? "" : " (suspended)")
                    .append(c.last().map(l -> ", last failure: " + l).orElse("")).append('\n');
        }
    }
}
