package io.keepalived4j.config.crossnode;

import io.keepalived4j.config.Position;
import io.keepalived4j.config.Severity;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Reports a setting whose value is not the same on every member of a group. */
final class Differences {

    private Differences() {
    }

    /**
     * One finding listing every side, {@code "advert_int differs: 1 s at a.conf:9 (VI_1), 2 s at
     * b.conf:9 (VI_1)"}, or empty when all members agree.
     */
    static <T> Optional<Finding> of(VrrpGroup group, Severity severity, String code, String setting,
                                    Function<Member, T> value, Function<T, String> show, String[] keywordPath,
                                    String consequence, String hint) {
        Set<T> distinct = new LinkedHashSet<>();
        group.members().forEach(m -> distinct.add(value.apply(m)));
        if (distinct.size() <= 1) {
            return Optional.empty();
        }
        List<Position> positions = new ArrayList<>();
        List<String> sides = new ArrayList<>();
        for (Member m : group.members()) {
            Position at = m.at(keywordPath);
            positions.add(at);
            sides.add(show.apply(value.apply(m)) + " at " + m.describe(at));
        }
        String message = group.label() + ": " + setting + " differs: " + String.join(", ", sides)
                + (consequence.isEmpty() ? "" : "; " + consequence);
        return Optional.of(new Finding(severity, code, message, positions, hint));
    }

    /** {@code 1}, {@code 0.5}: seconds as written, without a trailing {@code .0}. */
    static String seconds(double s) {
        return BigDecimal.valueOf(s).stripTrailingZeros().toPlainString() + " s";
    }
}
