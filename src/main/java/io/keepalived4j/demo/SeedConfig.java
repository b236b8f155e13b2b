package io.keepalived4j.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The demo's node configurations, derived from seed 004's repaired LVS-DR pair (examples/
 * seed-004-lvs-dr-master.conf and -backup.conf, shipped as resources): the vrrp_instance is kept
 * as the tutorial wrote it (state, priority, virtual_router_id 51, PASS 1111, VIP on eth0), the
 * addresses move from the examples' 10.231.5.0/24 into the demo's subnet, and the virtual_server
 * block is dropped because this release does not run IPVS yet.
 */
public final class SeedConfig {

    /** The examples' subnet of seed 004 (scenario N uses 10.231.(N+1).0/24). */
    static final String SEED_PREFIX = "10.231.5.";

    private SeedConfig() {
    }

    /** lb1's file: MASTER, priority 100. */
    public static String master(String prefix) {
        return derive(load("seed-004-lvs-dr-master.conf"), prefix);
    }

    /** lb2's file: BACKUP, priority 50. */
    public static String backup(String prefix) {
        return derive(load("seed-004-lvs-dr-backup.conf"), prefix);
    }

    /** Moves the addresses to {@code prefix} (e.g. "10.213.7.") and removes virtual_server blocks. */
    static String derive(String seed, String prefix) {
        StringBuilder out = new StringBuilder("! keepalived4j demo: derived from seed 004; addresses ")
                .append(SEED_PREFIX).append("0/24 -> ").append(prefix).append("0/24;\n")
                .append("! virtual_server removed (not run by this release of keepalived4j).\n");
        int depth = 0;
        boolean dropping = false;
        for (String line : seed.split("\n", -1)) {
            String code = stripComment(line);
            if (depth == 0 && code.strip().startsWith("virtual_server")) {
                dropping = true;
            }
            depth += count(code, '{') - count(code, '}');
            if (!dropping) {
                out.append(line.replace(SEED_PREFIX, prefix)).append('\n');
            } else if (depth == 0 && code.contains("}")) {
                dropping = false;
            }
        }
        return out.toString().stripTrailing() + "\n";
    }

    // keepalived's comment characters are '#' and '!' anywhere on a line (outside quoted strings,
    // which seed 004 does not have).
    private static String stripComment(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '#' || c == '!') {
                return line.substring(0, i);
            }
        }
        return line;
    }

    private static int count(String s, char c) {
        return (int) s.chars().filter(ch -> ch == c).count();
    }

    private static String load(String name) {
        try (InputStream in = SeedConfig.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + name, e);
        }
    }
}
