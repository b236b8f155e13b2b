package io.keepalived4j.daemon;

import io.keepalived4j.config.model.KeepalivedConfig;
import io.keepalived4j.config.model.VrrpScript;
import io.keepalived4j.notify.ScriptIdentities;
import io.keepalived4j.notify.ScriptRunner;
import io.keepalived4j.notify.TaskScheduler;
import io.keepalived4j.os.netlink.Link;
import io.keepalived4j.os.netlink.LinkListener;
import io.keepalived4j.os.netlink.NetlinkException;
import io.keepalived4j.os.netlink.NetworkStack;
import io.keepalived4j.vrrp.engine.ConfiguredTrackers;
import io.keepalived4j.vrrp.engine.TrackerStatus;
import io.keepalived4j.vrrp.engine.VrrpHost;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The node's trackers at run time: interfaces (link up and running, from rtnetlink) and
 * vrrp_scripts, each reported to the instances that follow them, on the VRRP loop.
 */
final class NodeTrackers {

    private final KeepalivedConfig config;
    private final List<ConfiguredTrackers.Binding> bindings;
    private final Map<String, Boolean> linkUp;
    private final PolledTrackers polled;
    private final ScriptIdentities ids;

    private NodeTrackers(KeepalivedConfig config, List<ConfiguredTrackers.Binding> bindings, Map<String, Boolean> linkUp,
                         ScriptIdentities ids) {
        this.config = config;
        this.ids = ids;
        this.bindings = bindings;
        this.linkUp = linkUp;
        this.polled = new PolledTrackers(config, bindings, ProcessCensus.system());
    }

    static NodeTrackers of(KeepalivedConfig config, NetworkStack netlink, ScriptIdentities ids) throws NetlinkException {
        List<ConfiguredTrackers.Binding> bindings = ConfiguredTrackers.of(config);
        Map<String, Boolean> up = new LinkedHashMap<>();
        for (ConfiguredTrackers.Binding b : bindings) {
            if (b.watchesInterface() && !up.containsKey(b.source())) {
                up.put(b.source(), netlink.link(b.source()).map(NodeTrackers::isUp).orElse(false));
            }
        }
        return new NodeTrackers(config, bindings, up, ids);
    }

    /** keepalived: an interface counts as up when it is IFF_UP and IFF_RUNNING. */
    private static boolean isUp(Link l) {
        return l.up() && l.running();
    }

    /** The statuses instance {@code i} starts with. */
    List<TrackerStatus> initial(int instance) {
        List<TrackerStatus> out = new ArrayList<>();
        for (ConfiguredTrackers.Binding b : bindings) {
            if (b.instance() != instance) {
                continue;
            }
            switch (b.kind()) {
                case OWN_INTERFACE, TRACK_INTERFACE -> out.add(b.status(linkUp.get(b.source())));
                // A script that will never run (disabled, or its command unusable) does not count:
                // keepalived drops a disabled script from tracking.
                case SCRIPT -> out.add(b.status(script(b.source()).filter(this::runnable)
                        .map(s -> ConfiguredTrackers.initialScriptState(s).up()).orElse(true)));
                case FILE, PROCESS -> polled.initial(b).ifPresent(out::add);
            }
        }
        return out;
    }

    private boolean runnable(VrrpScript s) {
        return !ids.refuses(s.position()) && ids.resolve(s.script()).isPresent();
    }

    private java.util.Optional<VrrpScript> script(String name) {
        return config.vrrp().scripts().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /**
     * Link changes to the instances that watch the interface, on the VRRP loop (control tasks: a
     * link change must never be dropped); every event also goes to {@code also}.
     */
    LinkListener linkListener(VrrpLoop loop, VrrpHost host, LinkListener also) {
        return new LinkListener() {
            @Override
            public void onLinkRemoved(Link link) {
                also.onLinkRemoved(link);
            }

            @Override
            public void onAddress(boolean added, io.keepalived4j.os.netlink.InterfaceAddress address) {
                also.onAddress(added, address);
            }

            @Override
            public void onResync() {
                also.onResync();
            }

            @Override
            public void onLink(Link link) {
                also.onLink(link);
                boolean up = isUp(link);
                if (bindings.stream().noneMatch(b -> b.watchesInterface() && b.source().equals(link.name()))) {
                    return;
                }
                loop.submit(() -> {
                    for (ConfiguredTrackers.Binding b : bindings) {
                        if (b.watchesInterface() && b.source().equals(link.name())) {
                            host.track(b.instance(), b.status(up), loop.now());
                        }
                    }
                });
            }
        };
    }

    /** track_file and vrrp_track_process, polled by the supervisor's threads from now on. */
    PolledTrackers polled() {
        return polled;
    }

    /** vrrp_scripts that some instance tracks, scheduled on {@code scheduler} from now on. */
    ScriptTrackers startScripts(ScriptIdentities ids, ScriptRunner runner, TaskScheduler scheduler, VrrpLoop loop,
                                VrrpHost host, FaultHooks faults) {
        Map<String, List<ConfiguredTrackers.Binding>> byScript = new LinkedHashMap<>();
        for (ConfiguredTrackers.Binding b : bindings) {
            if (b.kind() == ConfiguredTrackers.Kind.SCRIPT) {
                byScript.computeIfAbsent(b.source(), k -> new ArrayList<>()).add(b);
            }
        }
        ScriptTrackers t = new ScriptTrackers(config.vrrp().scripts(), byScript, ids, runner, scheduler, loop, host, faults);
        t.start();
        return t;
    }
}
