package io.keepalived4j.daemon.net;

import io.keepalived4j.config.model.StaticRule;
import io.keepalived4j.os.netlink.AddressFamily;
import io.keepalived4j.os.netlink.Prefix;
import io.keepalived4j.os.netlink.RuleSpec;

import java.util.Optional;

/**
 * {@code virtual_rules}/{@code static_rules} line to {@link RuleSpec}, for the common forms
 * {@code [from PREFIX|all] [to PREFIX|all] table|lookup T [preference|priority|pref|order N]
 * [inet6] [no_track]}. The family comes from the addresses ({@code inet6} when there are none).
 * The preference is the record's: the config layer already gave a rule without one keepalived's
 * descending automatic value (and warned). Other selectors and actions ({@code iif},
 * {@code fwmark}, {@code goto}...) are a {@link Conversion.Failed} naming the word.
 *
 * <p>keepalived marks its rules {@code proto keepalived}; {@link RuleSpec} cannot carry
 * FRA_PROTOCOL yet, so these rules show no {@code proto}.
 */
public final class RuleConversion {

    private RuleConversion() {
    }

    public static Conversion<RuleSpec> toSpec(StaticRule rule) {
        RouteWords w = new RouteWords("rule", rule.text(), rule.position());
        try {
            return Conversion.ok(parse(w, rule.preference()));
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            return Conversion.failed(m.startsWith(w.where()) ? m : w.where() + m);
        }
    }

    private static RuleSpec parse(RouteWords w, long preference) {
        Optional<Prefix> from = Optional.empty();
        Optional<Prefix> to = Optional.empty();
        int table = -1;
        long priority = preference;
        boolean inet6 = false;
        while (w.hasNext()) {
            String k = w.next();
            switch (k) {
                case "from" -> from = selector(w, w.value(k));
                case "to" -> to = selector(w, w.value(k));
                case "table", "lookup" -> table = w.table(w.value(k));
                case "preference", "priority", "pref", "order" -> priority = w.number(w.value(k), k, 0, 0xffff_ffffL);
                case "inet6" -> inet6 = true;
                case "no_track" -> {
                }
                case "track_group" -> w.value(k);
                default -> throw w.unsupported(k);
            }
        }
        if (table < 0) {
            throw w.error("no 'table' (only lookup rules are supported)");
        }
        Optional<Prefix> any = from.isPresent() ? from : to;
        int family = any.map(Prefix::family).orElse(inet6 ? AddressFamily.AF_INET6 : AddressFamily.AF_INET);
        if (from.isPresent() && to.isPresent() && from.get().family() != to.get().family()) {
            throw w.error("'from' and 'to' are of different families");
        }
        RuleSpec spec = RuleSpec.lookup(family, table).priority(priority);
        spec = from.map(spec::from).orElse(spec);
        return to.map(spec::to).orElse(spec);
    }

    private static Optional<Prefix> selector(RouteWords w, String text) {
        if (text.equals("all")) {
            return Optional.empty();
        }
        try {
            if (text.equals("default")) {
                throw new IllegalArgumentException();
            }
            return Optional.of(Prefix.parse(text));
        } catch (RuntimeException e) {
            throw w.error("bad address '" + text + "' at word " + w.wordNumber());
        }
    }
}
