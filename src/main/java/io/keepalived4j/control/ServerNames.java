package io.keepalived4j.control;

import io.keepalived4j.config.model.lvs.RealServer;
import io.keepalived4j.config.model.lvs.ServiceKey;
import io.keepalived4j.config.model.lvs.VirtualServer;

import java.util.List;

/**
 * Finds the configured virtual and real server a command names, by the protocol the configuration
 * gives it (keepalived 2.2.7 makes a missing one UDP, with an error); a command that gives no
 * protocol must name one virtual server only. Servers of a {@code virtual_server group} are not addressed here (a group has no
 * address of its own).
 */
public final class ServerNames {

    private ServerNames() {
    }

    /** The servers found, or why not. */
    public sealed interface Found {
    }

    public record Servers(VirtualServer service, RealServer server) implements Found {
    }

    public record Missing(String reason) implements Found {
    }

    public static Found resolve(List<VirtualServer> services, ControlCommand.Service service,
                                ControlCommand.Server server) {
        List<VirtualServer> matches = services.stream().filter(vs -> matches(vs, service)).toList();
        if (matches.isEmpty()) {
            return new Missing("no virtual server " + describe(service));
        }
        if (matches.size() > 1) {
            return new Missing("more than one virtual server is " + describe(service) + ": name its protocol");
        }
        VirtualServer vs = matches.getFirst();
        for (RealServer rs : vs.realServers()) {
            if (rs.address().equals(server.address()) && rs.port() == server.port()) {
                return new Servers(vs, rs);
            }
        }
        return new Missing("virtual server " + vs.describe() + " has no real server " + describe(server));
    }

    private static boolean matches(VirtualServer vs, ControlCommand.Service service) {
        return switch (service) {
            case ControlCommand.FwmarkService f -> vs.key() instanceof ServiceKey.Fwmark m && m.mark() == f.mark();
            case ControlCommand.AddressService a -> vs.key() instanceof ServiceKey.Address k
                    && k.address().equals(a.address()) && k.port() == a.port()
                    && a.protocol().map(p -> vs.protocol().map(configured -> configured == p).orElse(true)).orElse(true);
        };
    }

    static String describe(ControlCommand.Service service) {
        return switch (service) {
            case ControlCommand.FwmarkService f -> "FWM " + f.mark();
            case ControlCommand.AddressService a -> a.protocol().map(p -> p.name() + " ").orElse("")
                    + describe(new ControlCommand.Server(a.address(), a.port()));
        };
    }

    static String describe(ControlCommand.Server s) {
        String ip = io.keepalived4j.config.model.IpText.of(s.address());
        return (s.address() instanceof java.net.Inet6Address ? "[" + ip + "]" : ip) + ":" + s.port();
    }
}
