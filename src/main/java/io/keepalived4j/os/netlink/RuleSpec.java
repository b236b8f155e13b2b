package io.keepalived4j.os.netlink;

import java.util.Optional;

/**
 * A policy routing rule of keepalived's {@code virtual_rules}/{@code static_rules}, in its common
 * forms: {@code [from PREFIX] [to PREFIX] [preference N] table N}.
 *
 * <pre>{@code
 * RuleSpec r = RuleSpec.lookup(AddressFamily.AF_INET, 100).from(Prefix.parse("192.0.2.0/24")).priority(1000);
 * }</pre>
 *
 * @param family   AF_INET or AF_INET6 (must match {@code from}/{@code to})
 * @param from     FRA_SRC selector
 * @param to       FRA_DST selector
 * @param table    FRA_TABLE to look up
 * @param priority FRA_PRIORITY ({@code preference}), -1 to let the kernel pick one
 */
public record RuleSpec(int family, Optional<Prefix> from, Optional<Prefix> to, int table, long priority) {

    public RuleSpec {
        if (family != AddressFamily.AF_INET && family != AddressFamily.AF_INET6) {
            throw new IllegalArgumentException("family must be AF_INET or AF_INET6: " + family);
        }
        from.ifPresent(p -> requireFamily(family, p));
        to.ifPresent(p -> requireFamily(family, p));
        if (table < 1 || priority < -1 || priority > 0xffff_ffffL) {
            throw new IllegalArgumentException("table or priority out of range");
        }
    }

    /** {@code ip rule add table N} for {@code family}, matching everything until narrowed. */
    public static RuleSpec lookup(int family, int table) {
        return new RuleSpec(family, Optional.empty(), Optional.empty(), table, -1);
    }

    public RuleSpec from(Prefix source) {
        return new RuleSpec(family, Optional.of(source), to, table, priority);
    }

    public RuleSpec to(Prefix destination) {
        return new RuleSpec(family, from, Optional.of(destination), table, priority);
    }

    public RuleSpec priority(long preference) {
        return new RuleSpec(family, from, to, table, preference);
    }

    @Override
    public String toString() {
        return (priority >= 0 ? priority + ": " : "") + "from " + from.map(Prefix::toString).orElse("all")
                + to.map(p -> " to " + p).orElse("") + " lookup " + table;
    }

    private static void requireFamily(int family, Prefix p) {
        if (p.family() != family) {
            throw new IllegalArgumentException(p + " is not of the rule's family");
        }
    }
}
