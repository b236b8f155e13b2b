package io.keepalived4j.config.model.lvs;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;

/** {@code ip_family inet|inet6}, and the family of an address. */
public enum IpFamily {
    INET("inet"), INET6("inet6");

    private final String keyword;

    IpFamily(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }

    public static IpFamily of(InetAddress address) {
        return address instanceof Inet6Address ? INET6 : INET;
    }

    public static Optional<IpFamily> parse(String text) {
        for (IpFamily f : values()) {
            if (f.keyword.equals(text)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
