package io.keepalived4j.daemon.net;

import io.keepalived4j.daemon.net.NetResult.Kind;
import io.keepalived4j.daemon.net.NetResult.Outcome;
import io.keepalived4j.os.netlink.AddressSpec;
import io.keepalived4j.os.netlink.InterfaceAddress;
import io.keepalived4j.os.netlink.NetlinkException;
import io.keepalived4j.os.netlink.RouteSpec;
import io.keepalived4j.os.netlink.NetworkStack;
import io.keepalived4j.os.netlink.RuleSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one converted address, route or rule to the kernel and turns the answer into a
 * {@link NetResult}: EEXIST on add and "not found" on delete are fine (idempotent passes,
 * keepalived logs them only in debug), anything else is a failure that is logged and returned,
 * never thrown, so one bad line does not keep the others from being applied.
 */
final class KernelWriter {

    private static final Logger LOG = LoggerFactory.getLogger(KernelWriter.class);

    @FunctionalInterface
    private interface Call<T> {
        void apply(NetworkStack rt, T spec) throws NetlinkException;
    }

    private final NetworkStack rt;
    /** {@code "(VI_1) "}, or empty for the static blocks. */
    private final String logPrefix;
    /** {@link #LOG}, or a silent logger for a rehearsal (nothing it does is real). */
    private final Logger log;

    KernelWriter(NetworkStack rt, String logPrefix) {
        this(rt, logPrefix, LOG);
    }

    KernelWriter(NetworkStack rt, String logPrefix, Logger log) {
        this.rt = rt;
        this.logPrefix = logPrefix;
        this.log = log;
    }

    NetResult addAddress(Kind kind, Conversion<AddressSpec> c) {
        return run(kind, c, true, NetworkStack::addAddress, AddressSpec::toString);
    }

    NetResult deleteAddress(Kind kind, Conversion<AddressSpec> c) {
        return run(kind, c, false, NetworkStack::deleteAddress, AddressSpec::toString);
    }

    NetResult addRoute(Kind kind, Conversion<RouteSpec> c) {
        return run(kind, c, true, NetworkStack::addRoute, RouteConversion::describe);
    }

    NetResult deleteRoute(Kind kind, Conversion<RouteSpec> c) {
        return run(kind, c, false, NetworkStack::deleteRoute, RouteConversion::describe);
    }

    NetResult addRule(Kind kind, Conversion<RuleSpec> c) {
        return run(kind, c, true, NetworkStack::addRule, RuleSpec::toString);
    }

    NetResult deleteRule(Kind kind, Conversion<RuleSpec> c) {
        return run(kind, c, false, NetworkStack::deleteRule, RuleSpec::toString);
    }

    /** The kernel's address is this spec's: same interface, address and prefix length. */
    static boolean sameAddress(AddressSpec spec, InterfaceAddress a) {
        return a.ifindex() == spec.ifindex() && a.prefix().equals(spec.prefix());
    }

    private <T> NetResult run(Kind kind, Conversion<T> c, boolean add, Call<T> call,
                              java.util.function.Function<T, String> describe) {
        String verb = add ? "add" : "delete";
        return switch (c) {
            case Conversion.Failed<T> f -> {
                log.warn("{}cannot {} {}: {}", logPrefix, verb, noun(kind), f.error());
                yield NetResult.failed(kind, f.error(), f.error());
            }
            case Conversion.Ok<T> ok -> {
                String item = describe.apply(ok.value());
                try {
                    call.apply(rt, ok.value());
                    yield NetResult.of(kind, item, add ? Outcome.ADDED : Outcome.REMOVED);
                } catch (NetlinkException e) {
                    if (add && e.alreadyExists()) {
                        log.debug("{}{} {} already present", logPrefix, noun(kind), item);
                        yield NetResult.of(kind, item, Outcome.ALREADY_PRESENT);
                    }
                    if (!add && e.notFound()) {
                        log.debug("{}{} {} already absent", logPrefix, noun(kind), item);
                        yield NetResult.of(kind, item, Outcome.ALREADY_ABSENT);
                    }
                    log.warn("{}cannot {} {} {}: {}", logPrefix, verb, noun(kind), item, e.getMessage());
                    yield NetResult.failed(kind, item, e.getMessage());
                }
            }
        };
    }

    private static String noun(Kind kind) {
        return switch (kind) {
            case VIP -> "VIP";
            case EXCLUDED_VIP -> "E-VIP";
            case VIRTUAL_ROUTE -> "virtual route";
            case VIRTUAL_RULE -> "virtual rule";
            case STATIC_ADDRESS -> "static address";
            case STATIC_ROUTE -> "static route";
            case STATIC_RULE -> "static rule";
        };
    }
}
