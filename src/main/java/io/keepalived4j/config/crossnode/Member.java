package io.keepalived4j.config.crossnode;

import io.keepalived4j.config.Position;
import io.keepalived4j.config.model.UnicastPeer;
import io.keepalived4j.config.model.VrrpInstance;

import java.net.InetAddress;

/**
 * One node's instance inside a VRRP group.
 *
 * @param node      the node's file
 * @param fileIndex the file's place on the command line (members of one file share it)
 * @param instance  the instance
 */
record Member(NodeFile node, int fileIndex, VrrpInstance instance) {

    String file() {
        return node.file();
    }

    AddressFamily family() {
        return AddressFamily.of(instance);
    }

    /** unicast_src_ip / mcast_src_ip, or null when the interface's primary address is used. */
    InetAddress source() {
        return instance.mcastSourceIp();
    }

    boolean isUnicast() {
        return !instance.unicastPeers().isEmpty();
    }

    /** Whether this instance sends its adverts to {@code other}'s configured source address. */
    boolean pointsAt(Member other) {
        InetAddress target = other.source();
        if (target == null) {
            return false;
        }
        for (UnicastPeer peer : instance.unicastPeers()) {
            if (peer.address().equals(target)) {
                return true;
            }
        }
        return false;
    }

    /** Where {@code keyword} (a path into nested blocks) was written, or the instance's line. */
    /** Whether the configuration wrote the keyword (the model may hold keepalived's correction of it). */
    boolean wrote(String... keywordPath) {
        return KeywordLocator.written(node.tree(), instance, keywordPath);
    }

    Position at(String... keywordPath) {
        return KeywordLocator.find(node.tree(), instance, keywordPath);
    }

    /** {@code a.conf:12 (VI_1)}: the side of a finding, for messages. */
    String describe(Position at) {
        return at + " (" + instance.name() + ")";
    }
}
