package io.keepalived4j.config.model;

import java.util.List;
import java.util.Locale;

/**
 * keepalived's optional boolean argument ({@code KEYWORD [on|off|true|false|yes|no|1|0]}): the
 * keyword alone means on; absent means whatever it inherits.
 */
public final class Flags {

    private Flags() {
    }

    /** @param value the keyword's arguments, or null when the keyword is not there */
    public static boolean of(List<String> value, boolean otherwise) {
        if (value == null) {
            return otherwise;
        }
        return value.isEmpty() || List.of("on", "true", "yes", "1").contains(value.getFirst().toLowerCase(Locale.ROOT));
    }
}
