package io.keepalived4j.os.netlink;

import java.util.Map;

/**
 * {@code rtm_scope}/{@code ifa_scope} values ({@code enum rt_scope_t}) and their {@code ip}
 * names, which keepalived's {@code scope} keyword accepts, as does a plain number.
 */
public final class RtScope {

    public static final int UNIVERSE = 0;
    public static final int SITE = 200;
    public static final int LINK = 253;
    public static final int HOST = 254;
    public static final int NOWHERE = 255;

    private static final Map<String, Integer> NAMES = Map.of(
            "global", UNIVERSE, "universe", UNIVERSE, "site", SITE, "link", LINK, "host", HOST, "nowhere", NOWHERE);

    private RtScope() {}

    /** "global", "site", "link", "host", "nowhere" or 0..255. */
    public static int parse(String text) {
        Integer named = NAMES.get(text);
        if (named != null) {
            return named;
        }
        int n = Integer.parseInt(text);
        if (n < 0 || n > 255) {
            throw new IllegalArgumentException("scope out of 0..255: " + text);
        }
        return n;
    }

    /** The name {@code ip} prints ("global" for 0), else the number. */
    public static String name(int scope) {
        return switch (scope) {
            case UNIVERSE -> "global";
            case SITE -> "site";
            case LINK -> "link";
            case HOST -> "host";
            case NOWHERE -> "nowhere";
            default -> Integer.toString(scope);
        };
    }
}
