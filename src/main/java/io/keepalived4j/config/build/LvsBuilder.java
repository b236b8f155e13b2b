package io.keepalived4j.config.build;

import io.keepalived4j.config.Diagnostics;
import io.keepalived4j.config.model.LvsSection;
import io.keepalived4j.config.model.lvs.VirtualServer;
import io.keepalived4j.config.model.lvs.VirtualServerGroup;
import io.keepalived4j.config.syntax.Node;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the LVS side: {@code SSL}, {@code virtual_server_group}, {@code virtual_server} with its
 * real servers and checkers. As in keepalived's checker process, every block is first read in
 * file order ({@link VirtualServerGroupBuilder}, {@link VirtualServerBuilder}), then the whole
 * set is validated and defaults are inherited ({@link VirtualServerValidator}).
 *
 * <pre>{@code
 * LvsSection lvs = LvsBuilder.build(tree, diagnostics);
 * lvs.virtualServers().getFirst().realServers().getFirst().checkers();
 * }</pre>
 */
final class LvsBuilder {

    private LvsBuilder() {
    }

    static LvsSection build(List<Node> roots, Diagnostics diagnostics) {
        BuildReport report = new BuildReport(diagnostics);
        // FILE_CHECK and BFD_CHECK refer to these by name; their own keywords are built elsewhere.
        Set<String> trackFiles = names(roots, "track_file", "vrrp_track_file");
        Set<String> bfdInstances = names(roots, "bfd_instance");

        List<Node> ssl = new ArrayList<>();
        List<VirtualServerGroup> groups = new ArrayList<>();
        List<VirtualServerDraft> drafts = new ArrayList<>();
        VirtualServerGroupBuilder groupBuilder = new VirtualServerGroupBuilder(report);
        VirtualServerBuilder serverBuilder = new VirtualServerBuilder(report, trackFiles, bfdInstances);
        for (Node n : roots) {
            if (!n.isBlock()) {
                continue;
            }
            switch (n.keyword()) {
                case "SSL" -> ssl.add(n);
                case "virtual_server_group" -> groupBuilder.build(n).ifPresent(groups::add);
                case "virtual_server" -> serverBuilder.build(n).ifPresent(drafts::add);
                default -> {
                    // other subsystems' blocks
                }
            }
        }
        // keepalived looks groups up by name in definition order: the first one wins.
        Map<String, VirtualServerGroup> byName = new LinkedHashMap<>();
        groups.forEach(g -> byName.putIfAbsent(g.name(), g));
        List<VirtualServer> servers = new VirtualServerValidator(report, byName).validate(drafts);
        return new LvsSection(groups, servers, LvsSslBuilder.build(ssl, report));
    }

    private static Set<String> names(List<Node> roots, String... keywords) {
        Set<String> names = new LinkedHashSet<>();
        for (Node n : roots) {
            for (String kw : keywords) {
                if (n.keyword().equals(kw) && n.argCount() > 0) {
                    names.add(n.arg(0));
                }
            }
        }
        return names;
    }
}
