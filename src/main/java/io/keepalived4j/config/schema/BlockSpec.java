package io.keepalived4j.config.schema;

import io.keepalived4j.config.KaStatus;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The keywords valid in one kind of block. Built once, immutable afterwards.
 *
 * <pre>{@code
 * BlockSpec.builder("authentication")
 *     .value("auth_type")
 *     .value("auth_pass")
 *     .build();
 * }</pre>
 */
public final class BlockSpec {

    private final String name;
    private final Map<String, KeywordSpec> keywords;

    private BlockSpec(String name, Map<String, KeywordSpec> keywords) {
        this.name = name;
        this.keywords = Collections.unmodifiableMap(new LinkedHashMap<>(keywords));
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    public KeywordSpec get(String keyword) {
        return keywords.get(keyword);
    }

    public Map<String, KeywordSpec> keywords() {
        return keywords;
    }

    /** Fluent construction; later definitions of the same keyword replace earlier ones. */
    public static final class Builder {
        private final String name;
        private final Map<String, KeywordSpec> keywords = new LinkedHashMap<>();

        private Builder(String name) {
            this.name = name;
        }

        private Builder add(String kw, Shape shape, String child, Deprecation dep, Availability av, String note) {
            keywords.put(kw, new KeywordSpec(kw, shape, child, dep, av, note));
            return this;
        }

        /** Keywords with arguments on the line (or none: flags). */
        public Builder value(String... names) {
            for (String n : names) {
                add(n, Shape.VALUE, null, null, Availability.KEEPALIVED_2_2, "");
            }
            return this;
        }

        /** A block of keywords described by the spec named {@code child}. */
        public Builder block(String kw, String child) {
            return add(kw, Shape.BLOCK, child, null, Availability.KEEPALIVED_2_2, "");
        }

        /** Blocks of free-form lines. */
        public Builder items(String... names) {
            for (String n : names) {
                add(n, Shape.ITEMS, null, null, Availability.KEEPALIVED_2_2, "");
            }
            return this;
        }

        /** Keywords taking either arguments or a block of free-form lines. */
        public Builder valueOrItems(String... names) {
            for (String n : names) {
                add(n, Shape.VALUE_OR_ITEMS, null, null, Availability.KEEPALIVED_2_2, "");
            }
            return this;
        }

        /** An old name for a value keyword; {@code status} is what keepalived 2.2.7 records for it. */
        public Builder deprecated(String kw, String replacement, KaStatus status) {
            return add(kw, Shape.VALUE, null, new Deprecation(replacement, status), Availability.KEEPALIVED_2_2, "");
        }

        /** An old name for a keyword of any shape. */
        public Builder deprecated(String kw, Shape shape, String child, String replacement, KaStatus status) {
            return add(kw, shape, child, new Deprecation(replacement, status), Availability.KEEPALIVED_2_2, "");
        }

        /** A keyword only keepalived 2.4 knows. */
        public Builder since24(String kw, Shape shape, String child) {
            return add(kw, shape, child, null, Availability.KEEPALIVED_2_4_ONLY, "");
        }

        /** A keyword keepalived knows and keepalived4j parses but does not run. */
        public Builder unsupported(String kw, Shape shape, String child, String note) {
            return add(kw, shape, child, null, Availability.UNSUPPORTED, note);
        }

        public BlockSpec build() {
            return new BlockSpec(name, keywords);
        }
    }
}
