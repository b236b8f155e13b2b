package io.keepalived4j.daemon;

import io.keepalived4j.api.InstanceCounters;
import io.keepalived4j.api.InstanceSettings;
import io.keepalived4j.api.InstanceView;
import io.keepalived4j.api.PeerView;
import io.keepalived4j.api.SplitBrainView;
import io.keepalived4j.api.TrackerView;
import io.keepalived4j.config.model.IpText;
import io.keepalived4j.config.model.Script;
import io.keepalived4j.config.model.TrackRef;
import io.keepalived4j.config.model.VirtualAddress;
import io.keepalived4j.config.model.VrrpInstance;
import io.keepalived4j.vrrp.engine.InstanceParameters;
import io.keepalived4j.vrrp.engine.TrackerStatus;
import io.keepalived4j.vrrp.engine.VrrpHost;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the status views of the VRRP instances from the engine (state, priorities, trackers),
 * the instances' counters and their configuration. {@link #views()} reads the engine, so it runs
 * on the VRRP loop; the counters are safe to read from anywhere.
 */
final class VrrpStatusSource {

    /** keepalived's JSON keys for the notify keywords (vrrp_json.c). */
    private static final Map<String, String> SCRIPT_KEYS = Map.of("notify_backup", "script_backup",
            "notify_master", "script_master", "notify_fault", "script_fault", "notify_stop", "script_stop",
            "notify_deleted", "script_deleted", "notify", "script",
            "notify_master_rx_lower_pri", "script_master_rx_lower_pri");

    private final List<InstancePlan> plans;
    private final List<InstanceIo> ios;
    private final VrrpHost host;
    private final Map<String, String> scriptCommands = new LinkedHashMap<>();
    private final Map<String, String> syncGroups = new LinkedHashMap<>();

    VrrpStatusSource(io.keepalived4j.config.model.KeepalivedConfig config, List<InstancePlan> plans,
                     List<InstanceIo> ios, VrrpHost host) {
        this.plans = List.copyOf(plans);
        this.ios = List.copyOf(ios);
        this.host = host;
        config.vrrp().scripts().forEach(s -> scriptCommands.put(s.name(), quoted(s.script().command())));
        config.vrrp().syncGroups().forEach(g -> g.members().forEach(m -> syncGroups.putIfAbsent(m, g.name())));
    }

    /** On the VRRP loop. */
    List<InstanceView> views() {
        List<InstanceView> out = new ArrayList<>();
        for (InstancePlan p : plans) {
            out.add(view(p, ios.get(p.index())));
        }
        return out;
    }

    private InstanceView view(InstancePlan p, InstanceIo io) {
        int i = p.index();
        VrrpInstance vi = p.instance();
        InstanceStats s = io.stats();
        InstanceParameters params = host.parameters(i);
        var state = host.state(i);
        boolean set = io.holdsVips();
        List<PeerView> peers = s.peers().stream().map(peer -> new PeerView(IpText.of(peer.address()), peer.priority(),
                peer.advertIntervalCentis(), peer.adverts(), peer.lastHeard())).toList();
        SplitBrainView split = s.lastSplitBrain()
                .map(r -> new SplitBrainView(s.splitBrainCount(), Optional.of(r.line()), Optional.of(r.at())))
                .orElse(new SplitBrainView(s.splitBrainCount(), Optional.empty(), Optional.empty()));
        return new InstanceView(vi.name(), p.interfaceName(), vi.virtualRouterId(), vi.version(), state, state,
                params.priority(), host.snapshot(i).effectivePriority(), s.lastTransition(), settings(p, params),
                vi.virtualAddresses().stream().map(a -> vipText(a, p.interfaceName(), set)).toList(),
                vi.excludedAddresses().stream().map(a -> vipText(a, p.interfaceName(), set)).toList(), set,
                trackers(vi, host.trackerStatuses(i), scriptCommands), peers,
                new InstanceCounters(s.advertsReceived(), s.advertsSent(), s.becameMaster(), s.releasedMaster(),
                        s.priorityZeroReceived(), s.priorityZeroSent(), s.sendFailures(), s.peersForgotten()),
                s.rejects().snapshot(), split);
    }

    private InstanceSettings settings(InstancePlan p, InstanceParameters params) {
        VrrpInstance vi = p.instance();
        Map<String, String> scripts = new LinkedHashMap<>();
        for (Map.Entry<String, Script> e : vi.notifyScripts().entrySet()) {
            String key = SCRIPT_KEYS.get(e.getKey());
            if (key != null) {
                scripts.put(key, quoted(e.getValue().command()));
            }
        }
        InstanceParameters.GarpTiming g = params.garp();
        return new InstanceSettings(params.advertIntervalCentis(), params.preempt(), params.preemptDelayMicros(),
                vi.accept(), params.strict(), vi.authType().name().equals("NONE") ? "none" : vi.authType().name(),
                IpText.of(p.source()), p.explicitSource(),
                vi.isUnicast() ? Optional.empty() : Optional.of(IpText.of(p.group())),
                vi.unicastPeers().stream().map(u -> IpText.of(u.address())).toList(),
                new InstanceSettings.Garp(params.garpMasterDelayMicros(), params.garpMasterRepeat(), g.refreshMicros(),
                        g.refreshRepeat(), g.lowerPrioDelayMicros(), g.lowerPrioRepeat()),
                params.downTimerAdverts(), params.lowerPrioNoAdvert(), params.higherPrioSendAdvert(), scripts,
                Boolean.TRUE.equals(vi.smtpAlert()), Optional.ofNullable(syncGroups.get(vi.name())));
    }

    /** keepalived's cmd_str(): each word of the command in single quotes. */
    private static String quoted(String command) {
        List<String> words = new ArrayList<>();
        for (String w : command.strip().split("\\s+")) {
            words.add("'" + w.replace("\"", "") + "'");
        }
        return String.join(" ", words);
    }

    /** keepalived's format_ipaddress(): "10.0.0.100/24 dev eth0 scope global label eth0:vip", " set" when added. */
    static String vipText(VirtualAddress a, String instanceInterface, boolean set) {
        StringBuilder b = new StringBuilder(IpText.of(a.address())).append('/').append(a.prefixLength())
                .append(" dev ").append(a.device().isEmpty() ? instanceInterface : a.device())
                .append(" scope ").append(a.scope().isEmpty() ? "global" : a.scope());
        if (!a.broadcast().isEmpty()) {
            b.append(" brd ").append(a.broadcast());
        }
        if (!a.label().isEmpty()) {
            b.append(" label ").append(a.label());
        }
        return set ? b.append(" set").toString() : b.toString();
    }

    private static List<TrackerView> trackers(VrrpInstance vi, List<TrackerStatus> statuses,
                                              Map<String, String> scriptCommands) {
        List<TrackerView> out = new ArrayList<>();
        for (TrackerStatus t : statuses) {
            switch (t) {
                case TrackerStatus.UpDown u -> {
                    String kind = kind(vi, u.name());
                    out.add(new TrackerView(kind, u.name(), u.up(), 0, u.weight(), u.reverse(),
                            kind.equals(TrackerView.SCRIPT) ? Optional.ofNullable(scriptCommands.get(u.name()))
                                    : Optional.empty()));
                }
                case TrackerStatus.FileValue f -> out.add(new TrackerView(TrackerView.FILE, f.name(), f.value() == 0,
                        f.value(), f.weight(), f.reverse()));
            }
        }
        return out;
    }

    private static String kind(VrrpInstance vi, String name) {
        if (named(vi.trackScripts(), name)) {
            return TrackerView.SCRIPT;
        }
        if (named(vi.trackProcesses(), name)) {
            return TrackerView.PROCESS;
        }
        return TrackerView.INTERFACE;
    }

    private static boolean named(List<TrackRef> refs, String name) {
        return refs.stream().anyMatch(r -> r.name().equals(name));
    }
}
