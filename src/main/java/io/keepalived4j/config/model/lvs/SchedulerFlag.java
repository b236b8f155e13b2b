package io.keepalived4j.config.model.lvs;

/** The flag keywords of a virtual server ({@code hashed}, {@code ops}, {@code sh-port}, ...). */
public enum SchedulerFlag {
    HASHED("hashed"),
    /** One-packet scheduling; only kept for UDP services. */
    OPS("ops"),
    FLAG_1("flag-1"),
    FLAG_2("flag-2"),
    FLAG_3("flag-3"),
    SH_PORT("sh-port"),
    SH_FALLBACK("sh-fallback"),
    MH_PORT("mh-port"),
    MH_FALLBACK("mh-fallback");

    private final String keyword;

    SchedulerFlag(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }

    public static SchedulerFlag of(String keyword) {
        for (SchedulerFlag f : values()) {
            if (f.keyword.equals(keyword)) {
                return f;
            }
        }
        throw new IllegalArgumentException("not a scheduler flag: " + keyword);
    }
}
