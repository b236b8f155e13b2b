package io.keepalived4j.vrrp.sim;

import io.keepalived4j.config.model.KeepalivedConfig;
import io.keepalived4j.config.model.SyncGroup;
import io.keepalived4j.config.model.UnicastPeer;
import io.keepalived4j.config.model.VrrpInstance;
import io.keepalived4j.vrrp.engine.ConfiguredInstance;
import io.keepalived4j.vrrp.engine.ConfiguredTrackers;
import io.keepalived4j.vrrp.engine.HostSpec;
import io.keepalived4j.vrrp.engine.TrackerStatus;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Several nodes' configurations as simulated hosts: every instance with its parameters, its sync
 * groups, its unicast peers (mapped to the node whose unicast_src_ip they name) and its
 * trackers ({@link ConfiguredTrackers}), which start up (scripts with init_fail down).
 *
 * <pre>{@code
 * ConfiguredHosts plan = ConfiguredHosts.of(List.of(lb1Config, lb2Config));
 * Segment seg = Segment.ofHosts(plan.hosts(), new SplittableRandom(1));
 * plan.trackers(0, "chk_nginx", false).forEach(t -> seg.track(0, t.instance(), t.status()));
 * }</pre>
 */
public final class ConfiguredHosts {

    /** One tracker status change for one instance of a host. */
    public record TrackerChange(int instance, TrackerStatus status) {
    }

    private final List<HostSpec> hosts;
    private final List<List<String>> instanceNames;
    private final List<List<ConfiguredTrackers.Binding>> bindings;

    private ConfiguredHosts(List<HostSpec> hosts, List<List<String>> instanceNames,
                            List<List<ConfiguredTrackers.Binding>> bindings) {
        this.hosts = hosts;
        this.instanceNames = instanceNames;
        this.bindings = bindings;
    }

    public static ConfiguredHosts of(List<KeepalivedConfig> configs) {
        Map<InetAddress, Integer> hostBySource = new LinkedHashMap<>();
        for (int h = 0; h < configs.size(); h++) {
            for (VrrpInstance vi : configs.get(h).vrrp().instances()) {
                if (vi.mcastSourceIp() != null) {
                    hostBySource.putIfAbsent(vi.mcastSourceIp(), h);
                }
            }
        }
        List<HostSpec> hosts = new ArrayList<>();
        List<List<String>> names = new ArrayList<>();
        List<List<ConfiguredTrackers.Binding>> allBindings = new ArrayList<>();
        for (int h = 0; h < configs.size(); h++) {
            KeepalivedConfig c = configs.get(h);
            List<VrrpInstance> instances = c.vrrp().instances();
            List<String> instanceNames = instances.stream().map(VrrpInstance::name).toList();
            List<ConfiguredTrackers.Binding> bindings = ConfiguredTrackers.of(c);
            List<HostSpec.SyncGroupSpec> groups = new ArrayList<>();
            for (SyncGroup g : c.vrrp().syncGroups()) {
                List<Integer> members = g.members().stream().map(instanceNames::indexOf).filter(i -> i >= 0).toList();
                groups.add(new HostSpec.SyncGroupSpec(g.name(), members));
            }
            List<HostSpec.InstanceSpec> specs = new ArrayList<>();
            for (int i = 0; i < instances.size(); i++) {
                VrrpInstance vi = instances.get(i);
                Set<Integer> peers = new TreeSet<>();
                for (UnicastPeer p : vi.unicastPeers()) {
                    Integer peer = hostBySource.get(p.address());
                    if (peer != null && peer != h) {
                        peers.add(peer);
                    }
                }
                int index = i;
                List<TrackerStatus> initial = bindings.stream().filter(b -> b.instance() == index)
                        .map(b -> switch (b.kind()) {
                            case FILE -> b.fileStatus(0);
                            case SCRIPT -> b.status(!initFail(c, b.source()));
                            default -> b.status(true);
                        }).toList();
                specs.add(new HostSpec.InstanceSpec(ConfiguredInstance.parameters(vi, c.global(), syntheticAddress(h)), peers, initial));
            }
            hosts.add(new HostSpec(specs, groups));
            names.add(instanceNames);
            allBindings.add(bindings);
        }
        return new ConfiguredHosts(List.copyOf(hosts), names, allBindings);
    }

    public List<HostSpec> hosts() {
        return hosts;
    }

    public String instanceName(int host, int instance) {
        return instanceNames.get(host).get(instance);
    }

    /** Whether any instance of the host tracks a script or interface of this name. */
    public boolean tracks(int host, String tracker) {
        return bindings.get(host).stream().anyMatch(b -> b.source().equals(tracker) && b.kind() != ConfiguredTrackers.Kind.FILE);
    }

    /** The status changes that the tracker going up or down means for the host's instances. */
    public List<TrackerChange> trackers(int host, String tracker, boolean up) {
        return bindings.get(host).stream().filter(b -> b.source().equals(tracker) && b.kind() != ConfiguredTrackers.Kind.FILE)
                .map(b -> new TrackerChange(b.instance(), b.status(up))).toList();
    }

    private static boolean initFail(KeepalivedConfig c, String script) {
        return c.vrrp().scripts().stream().anyMatch(s -> s.name().equals(script) && s.initFail());
    }

    /** Nodes without a configured source address get 10.255.0.N, so ties break by file order. */
    private static InetAddress syntheticAddress(int node) {
        try {
            return InetAddress.getByAddress(new byte[] {10, (byte) 255, 0, (byte) (node + 1)});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
