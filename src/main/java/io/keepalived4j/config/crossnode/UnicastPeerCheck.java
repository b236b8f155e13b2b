package io.keepalived4j.config.crossnode;

import io.keepalived4j.config.Severity;

import java.util.ArrayList;
import java.util.List;

/**
 * Unicast peers must point at each other: a unicast instance sends its adverts only to the
 * addresses in its {@code unicast_peer} block. When A lists B but B does not list A, A never
 * hears B's adverts, times out and becomes master while B is master.
 */
final class UnicastPeerCheck {

    private UnicastPeerCheck() {
    }

    static List<Finding> check(VrrpGroup group) {
        List<Finding> out = new ArrayList<>();
        List<Member> unicast = group.members().stream().filter(Member::isUnicast).toList();
        for (Member a : unicast) {
            for (Member b : unicast) {
                if (a.fileIndex() == b.fileIndex() || a.source() == null || b.source() == null) {
                    continue;
                }
                if (a.pointsAt(b) && !b.pointsAt(a)) {
                    var aPeers = a.at("unicast_peer");
                    var bPeers = b.at("unicast_peer");
                    out.add(new Finding(Severity.WARNING, "unicast-peer-not-mutual",
                            group.label() + ": " + a.describe(aPeers) + " lists " + b.file() + "'s address "
                                    + b.source().getHostAddress() + " as unicast_peer, but " + b.describe(bPeers)
                                    + " does not list " + a.file() + "'s unicast_src_ip " + a.source().getHostAddress()
                                    + ": " + b.file() + " never sends its adverts to " + a.file()
                                    + ", which then becomes master too",
                            List.of(aPeers, bPeers),
                            "add " + a.source().getHostAddress() + " to the unicast_peer block of " + b.file()));
                }
            }
        }
        return out;
    }
}
