package io.keepalived4j.lb.ipvs;

import io.keepalived4j.config.model.VrrpInstance;
import io.keepalived4j.os.netlink.IpvsSyncDaemon;
import io.keepalived4j.os.netlink.IpvsTimeouts;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The global_defs keywords of the IPVS back end, as keepalived 2.2.7 reads them:
 * {@code lvs_flush} (flush the whole table at start), {@code lvs_flush_on_stop [VS]} (at stop
 * flush the whole table, or delete each of our services without first removing its servers one by
 * one), {@code lvs_timeouts [tcp S] [tcpfin S] [udp S]} and {@code lvs_sync_daemon}. The
 * configuration check has already reported bad values; here a bad value is skipped, as keepalived
 * does after its error line.
 */
public record IpvsSettings(boolean flushAtStart, FlushOnStop flushOnStop, Optional<IpvsTimeouts> timeouts,
                           Optional<Sync> sync) {

    public enum FlushOnStop {
        /** Remove each real server, then the service (keepalived's default). */
        NONE,
        /** Delete our services (their servers go with them). */
        VS,
        /** Flush every service of the kernel, ours or not. */
        FULL
    }

    /**
     * {@code lvs_sync_daemon IF [[inst] VRRP_INSTANCE] [id N] [maxlen N] [port N] [ttl N] [group IP]}.
     * With an instance the daemon follows it (master sync while it is MASTER, backup otherwise);
     * without one both run from the start, as keepalived's checker process does.
     */
    public record Sync(String interfaceName, Optional<String> instance, int syncId, int maxLength, int port, int ttl,
                       Optional<InetAddress> group) {

        public IpvsSyncDaemon daemon(IpvsSyncDaemon.State state) {
            IpvsSyncDaemon d = new IpvsSyncDaemon(state, interfaceName, syncId, maxLength, port, ttl, group);
            return d;
        }
    }

    public static final IpvsSettings DEFAULTS = new IpvsSettings(false, FlushOnStop.NONE, Optional.empty(), Optional.empty());

    /** From global_defs' keywords ({@code other}) and the instances (for the sync id's default, the VRID). */
    public static IpvsSettings of(Map<String, List<String>> globals, List<VrrpInstance> instances, List<String> problems) {
        boolean flush = globals.containsKey("lvs_flush");
        FlushOnStop onStop = FlushOnStop.NONE;
        List<String> stop = globals.containsKey("lvs_flush_on_stop") ? globals.get("lvs_flush_on_stop")
                : globals.get("lvs_flush_onstop");
        if (stop != null) {
            onStop = stop.isEmpty() ? FlushOnStop.FULL : stop.getFirst().equals("VS") ? FlushOnStop.VS : FlushOnStop.NONE;
        }
        return new IpvsSettings(flush, onStop, timeouts(globals.get("lvs_timeouts")),
                sync(globals.get("lvs_sync_daemon"), instances, problems));
    }

    static Optional<IpvsTimeouts> timeouts(List<String> args) {
        if (args == null) {
            return Optional.empty();
        }
        int tcp = 0;
        int fin = 0;
        int udp = 0;
        for (int i = 0; i + 1 < args.size(); i += 2) {
            int v;
            try {
                v = Integer.parseInt(args.get(i + 1));
            } catch (NumberFormatException e) {
                continue;
            }
            if (v < 0 || v > 86_400 * 31) {
                continue;
            }
            switch (args.get(i)) {
                case "tcp" -> tcp = v;
                case "tcpfin" -> fin = v;
                case "udp" -> udp = v;
                default -> {
                }
            }
        }
        return tcp == 0 && fin == 0 && udp == 0 ? Optional.empty() : Optional.of(new IpvsTimeouts(tcp, fin, udp));
    }

    static Optional<Sync> sync(List<String> args, List<VrrpInstance> instances, List<String> problems) {
        if (args == null || args.isEmpty() || args.getFirst().length() > 15) {
            return Optional.empty();
        }
        String ifname = args.getFirst();
        String instance = null;
        Integer id = null;
        int maxlen = 0;
        int port = 0;
        int ttl = 0;
        InetAddress group = null;
        for (int i = 1; i < args.size(); i++) {
            String opt = args.get(i);
            boolean hasValue = i + 1 < args.size();
            try {
                switch (opt) {
                    case "inst" -> instance = hasValue ? args.get(++i) : instance;
                    case "id" -> id = hasValue ? bounded(args.get(++i), 0, 255) : id;
                    case "maxlen" -> maxlen = hasValue ? bounded(args.get(++i), 1, 65_507) : maxlen;
                    case "port" -> port = hasValue ? bounded(args.get(++i), 1, 65_535) : port;
                    case "ttl" -> ttl = hasValue ? bounded(args.get(++i), 1, 255) : ttl;
                    case "group" -> {
                        if (hasValue) {
                            InetAddress g = InetAddress.getByName(args.get(++i));
                            if (g.isMulticastAddress()) {
                                group = g;
                            } else {
                                problems.add("lvs_sync_daemon group " + g.getHostAddress() + " is not a multicast address");
                            }
                        }
                    }
                    default -> {
                        if (i == 1) {
                            instance = opt;
                        } else if (i == 2) {
                            id = bounded(opt, 0, 255);
                        }
                    }
                }
            } catch (NumberFormatException | UnknownHostException e) {
                // reported by the configuration check; keepalived goes on without the value
            }
        }
        Optional<String> inst = Optional.ofNullable(instance);
        if (inst.isPresent()) {
            VrrpInstance vi = instances.stream().filter(x -> x.name().equals(inst.get())).findFirst().orElse(null);
            if (vi == null) {
                // keepalived: "Unable to find vrrp instance %s for lvs_syncd - clearing lvs_syncd config"
                problems.add("Unable to find vrrp instance " + inst.get() + " for lvs_syncd - clearing lvs_syncd config");
                return Optional.empty();
            }
            if (id == null) {
                id = vi.virtualRouterId();
            }
        }
        return Optional.of(new Sync(ifname, inst, id == null ? 0 : id, maxlen, port, ttl, Optional.ofNullable(group)));
    }

    private static int bounded(String text, int min, int max) {
        int v = Integer.parseInt(text);
        if (v < min || v > max) {
            throw new NumberFormatException("out of range");
        }
        return v;
    }
}
