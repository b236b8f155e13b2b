package io.keepalived4j.lb;

import java.util.Locale;
import java.util.Optional;

/**
 * {@code --data-plane}: what forwards the traffic to the pool the checkers keep.
 * <ul>
 * <li>{@code auto}: the kernel's IPVS where the host has it, else the userspace proxy;</li>
 * <li>{@code ipvs}, {@code proxy}: that one, or no start;</li>
 * <li>{@code none}: nothing forwards; the checkers still run, log and notify (what a host whose
 * traffic another box forwards, or a test, wants).</li>
 * </ul>
 * This release has no IPVS back end yet: {@code auto} runs the userspace proxy, {@code ipvs}
 * refuses to start.
 */
public enum DataPlaneChoice {
    AUTO, IPVS, PROXY, NONE;

    public static Optional<DataPlaneChoice> parse(String text) {
        try {
            return Optional.of(valueOf(text.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Why this choice cannot run here, if it cannot. */
    public Optional<String> unavailable() {
        return switch (this) {
            case IPVS -> Optional.of("--data-plane ipvs: the IPVS back end is not in this release");
            case AUTO, PROXY, NONE -> Optional.empty();
        };
    }

    /** The data plane to run; {@code groups} are the configuration's virtual_server_groups. */
    public DataPlane open(java.util.List<io.keepalived4j.config.model.lvs.VirtualServerGroup> groups,
                          io.keepalived4j.lb.proxy.ProxySettings proxy) {
        unavailable().ifPresent(why -> {
            throw new IllegalStateException(why);
        });
        return switch (this) {
            case AUTO, PROXY -> new io.keepalived4j.lb.proxy.ProxyDataPlane(groups, proxy);
            case IPVS, NONE -> new LoggingDataPlane();
        };
    }
}
