package io.keepalived4j.lb.proxy;

import io.keepalived4j.config.model.UnicastPeer;
import io.keepalived4j.config.model.VrrpInstance;
import io.keepalived4j.lb.persist.SyncSettings;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code lvs_sync_daemon INTERFACE VRRP_INSTANCE [id SYNC_ID] [maxlen LEN] [port PORT] [ttl TTL]
 * [group IP]}, which starts IPVS's connection sync, read for the userspace proxy's persistence
 * sync: the same keyword, so the same configuration keeps persistence across a failover under
 * either data plane. The sync id defaults to the instance's VRID, the port to 8848. Where the
 * instance speaks to its peers by unicast ({@code unicast_peer}), the templates go to those
 * peers; otherwise to the multicast group (224.0.0.81 unless {@code group}) on INTERFACE.
 */
public final class SyncConfig {

    private SyncConfig() {
    }

    /** The sync settings, or why the keyword cannot be used (the config check has vetted the syntax). */
    public static Optional<SyncSettings> from(List<String> args, List<VrrpInstance> instances, List<String> problems) {
        if (args.size() < 2) {
            problems.add("lvs_sync_daemon needs an interface and a vrrp_instance");
            return Optional.empty();
        }
        String ifname = args.get(0);
        VrrpInstance instance = instances.stream().filter(i -> i.name().equals(args.get(1))).findFirst().orElse(null);
        if (instance == null) {
            problems.add("lvs_sync_daemon: no vrrp_instance " + args.get(1));
            return Optional.empty();
        }
        int id = instance.virtualRouterId();
        int port = SyncSettings.DEFAULT_PORT;
        int ttl = 1;
        int maxlen = SyncSettings.DEFAULT_MAX_DATAGRAM;
        String group = null;
        try {
            for (int i = 2; i + 1 < args.size(); i += 2) {
                String v = args.get(i + 1);
                switch (args.get(i)) {
                    case "id" -> id = Integer.parseInt(v);
                    case "port" -> port = Integer.parseInt(v);
                    case "ttl" -> ttl = Integer.parseInt(v);
                    case "maxlen" -> maxlen = Math.max(SyncSettings.MIN_MAX_DATAGRAM,
                            Math.min(Integer.parseInt(v), SyncSettings.MAX_MAX_DATAGRAM));
                    case "group" -> group = v;
                    default -> {
                    }
                }
            }
            List<InetSocketAddress> peers = new ArrayList<>();
            boolean v4;
            Optional<String> mcastIf;
            if (!instance.unicastPeers().isEmpty() && group == null) {
                for (UnicastPeer p : instance.unicastPeers()) {
                    peers.add(new InetSocketAddress(p.address(), port));
                }
                v4 = instance.unicastPeers().getFirst().address() instanceof Inet4Address;
                mcastIf = Optional.empty();
            } else {
                InetAddress g = InetAddress.getByName(group == null ? SyncSettings.DEFAULT_GROUP : group);
                peers.add(new InetSocketAddress(g, port));
                v4 = g instanceof Inet4Address;
                mcastIf = g.isMulticastAddress() ? Optional.of(ifname) : Optional.empty();
            }
            InetAddress any = InetAddress.getByName(v4 ? "0.0.0.0" : "::");
            return Optional.of(new SyncSettings(id, ThreadLocalRandom.current().nextLong(), new InetSocketAddress(any, port),
                    peers, mcastIf, ttl, maxlen, SyncSettings.DEFAULT_QUEUE_CAPACITY,
                    SyncSettings.DEFAULT_MAX_DATAGRAMS_PER_SECOND));
        } catch (NumberFormatException | UnknownHostException e) {
            problems.add("lvs_sync_daemon: " + e.getMessage());
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            problems.add("lvs_sync_daemon: " + e.getMessage());
            return Optional.empty();
        }
    }
}
