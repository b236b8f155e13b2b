package io.keepalived4j.lb;

import io.keepalived4j.config.model.KeepalivedConfig;
import io.keepalived4j.lb.ipvs.GenlIpvsKernel;
import io.keepalived4j.lb.ipvs.IpvsAvailability;
import io.keepalived4j.lb.ipvs.IpvsDataPlane;
import io.keepalived4j.lb.ipvs.IpvsException;
import io.keepalived4j.lb.ipvs.IpvsSettings;
import io.keepalived4j.lb.proxy.ProxyDataPlane;
import io.keepalived4j.lb.proxy.ProxySettings;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code --data-plane}: what forwards the traffic to the pool the checkers keep.
 * <ul>
 * <li>{@code auto}: the kernel's IPVS where the host has it (loading ip_vs as keepalived does),
 * else the userspace proxy;</li>
 * <li>{@code ipvs}, {@code proxy}: that one, or no start;</li>
 * <li>{@code none}: nothing forwards; the checkers still run, log and notify (what a host whose
 * traffic another box forwards, or a test, wants).</li>
 * </ul>
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
            case IPVS -> IpvsAvailability.missing().map(why -> "--data-plane ipvs: " + why);
            case AUTO, PROXY, NONE -> Optional.empty();
        };
    }

    /**
     * Whether the kernel back end will run, judged without side effects (no modprobe): for the
     * start-up notes, which leave out what only IPVS uses when IPVS runs.
     */
    public boolean likelyIpvs() {
        return this == IPVS || this == AUTO && java.nio.file.Files.exists(java.nio.file.Path.of("/proc/net/ip_vs"));
    }

    /** {@code auto} made concrete: IPVS where the kernel has it, else the proxy. */
    public DataPlaneChoice resolve() {
        return this == AUTO ? (IpvsAvailability.missing().isEmpty() ? IPVS : PROXY) : this;
    }

    /**
     * The data plane to run ({@link #resolve() resolved} first). {@code problems} collects what
     * the configuration asks that cannot be done (an lvs_sync_daemon instance that does not exist).
     *
     * @throws IllegalStateException when it cannot start (no IPVS in the kernel)
     */
    public DataPlane open(KeepalivedConfig config, ProxySettings proxy, List<String> problems) {
        return switch (resolve()) {
            case IPVS -> {
                try {
                    yield new IpvsDataPlane(GenlIpvsKernel.open(), config.lvs().groups(),
                            IpvsSettings.of(config.global().other(), config.vrrp().instances(), problems));
                } catch (IpvsException e) {
                    throw new IllegalStateException("--data-plane ipvs: " + e.getMessage(), e);
                }
            }
            case AUTO, PROXY -> new ProxyDataPlane(config.lvs().groups(), proxy);
            case NONE -> new LoggingDataPlane();
        };
    }
}
