package io.keepalived4j.config.model;

import io.keepalived4j.config.model.lvs.Checker;
import io.keepalived4j.config.model.lvs.MiscCheck;
import io.keepalived4j.config.model.lvs.RealServer;
import io.keepalived4j.config.model.lvs.SslContext;
import io.keepalived4j.config.model.lvs.VirtualServer;
import io.keepalived4j.config.model.lvs.VirtualServerGroup;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * LVS side of the configuration: what keepalived's checker process runs.
 *
 * @param groups         {@code virtual_server_group} blocks keepalived kept
 * @param virtualServers {@code virtual_server} blocks keepalived kept, with their real servers and checkers
 * @param ssl            the top-level {@code SSL} block, if any
 */
public record LvsSection(List<VirtualServerGroup> groups, List<VirtualServer> virtualServers,
                         Optional<SslContext> ssl) {

    public static final LvsSection EMPTY = new LvsSection(List.of(), List.of(), Optional.empty());

    public LvsSection {
        groups = List.copyOf(groups);
        virtualServers = List.copyOf(virtualServers);
    }

    /**
     * Every script the checker process may run, for the existence and script-security checks:
     * quorum_up/quorum_down, notify_up/notify_down and MISC_CHECK misc_path, in file order.
     */
    public List<Script> scripts() {
        List<Script> scripts = new ArrayList<>();
        for (VirtualServer vs : virtualServers) {
            vs.pool().quorumUp().ifPresent(scripts::add);
            vs.pool().quorumDown().ifPresent(scripts::add);
            for (RealServer rs : vs.realServers()) {
                rs.notifyUp().ifPresent(scripts::add);
                rs.notifyDown().ifPresent(scripts::add);
                for (Checker c : rs.checkers()) {
                    if (c instanceof MiscCheck misc) {
                        scripts.add(misc.script());
                    }
                }
            }
        }
        scripts.sort(Comparator.comparing((Script s) -> s.position().file()).thenComparingInt(s -> s.position().line()));
        return List.copyOf(scripts);
    }

    /**
     * The MISC_CHECK scripts alone. They differ from notify scripts for the host checks: an
     * unknown {@code user} makes keepalived 2.2.7 drop the checker with "Failed to set uid/gid for
     * misc checker script '...' - removing" (exit 5 under -t), where for a notify script it only
     * logs.
     */
    public List<Script> miscCheckScripts() {
        return virtualServers.stream().flatMap(vs -> vs.realServers().stream()).flatMap(rs -> rs.checkers().stream())
                .filter(MiscCheck.class::isInstance).map(c -> ((MiscCheck) c).script()).toList();
    }
}
