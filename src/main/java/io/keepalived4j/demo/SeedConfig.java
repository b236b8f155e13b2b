package io.keepalived4j.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The demo's node configurations, derived from seed 004's repaired LVS-DR pair (examples/
 * seed-004-lvs-dr-master.conf and -backup.conf, shipped as resources): the vrrp_instance is kept
 * as the tutorial wrote it (state, priority, virtual_router_id 51, PASS 1111, VIP on eth0), the
 * addresses move from the examples' 10.231.5.0/24 into the demo's subnet, the virtual_server (rr,
 * HTTP_GET) is kept and served by the userspace proxy, and seed 001's WebSocket virtual server
 * (wrr, source-IP persistence) joins it on port 8080 of the same VIP, with the lvs_sync_daemon
 * line that carries the persistence templates to the other director.
 */
public final class SeedConfig {

    /** The examples' subnet of seed 004 (scenario N uses 10.231.(N+1).0/24). */
    static final String SEED_PREFIX = "10.231.5.";

    private SeedConfig() {
    }

    /** The port of seed 001's WebSocket virtual server in the demo. */
    static final int WEBSOCKET_PORT = 8080;

    /** lb1's file: MASTER, priority 100. */
    public static String master(String prefix) {
        return withBalancer(load("seed-004-lvs-dr-master.conf"), prefix);
    }

    /** lb2's file: BACKUP, priority 50. */
    public static String backup(String prefix) {
        return withBalancer(load("seed-004-lvs-dr-backup.conf"), prefix);
    }

    /** The seed moved to {@code prefix}, with seed 001's persistent virtual server and the sync. */
    static String withBalancer(String seed, String prefix) {
        StringBuilder out = new StringBuilder("! keepalived4j demo: derived from seed 004; addresses ")
                .append(SEED_PREFIX).append("0/24 -> ").append(prefix).append("0/24;\n")
                .append("! seed 001's WebSocket virtual server added on port ").append(WEBSOCKET_PORT)
                .append(", and lvs_sync_daemon for its persistence.\n");
        for (String line : seed.split("\n", -1)) {
            out.append(line.replace(SEED_PREFIX, prefix)).append('\n');
            if (stripComment(line).strip().equals("global_defs {")) {
                out.append("   lvs_sync_daemon eth0 VI_1   # demo: persistence templates go to the other director\n");
            }
        }
        out.append("""

                ! From seed 001 (LVS + WebSocket long connections, source-IP persistence), on port %2$d.
                virtual_server %1$s100 %2$d {
                    lb_algo wrr
                    lb_kind DR
                    persistence_timeout 3600
                    protocol TCP
                    real_server %1$s21 %2$d {
                        weight 1
                        TCP_CHECK {
                            connect_timeout 3
                            retry 3
                            delay_loop 5
                        }
                    }
                    real_server %1$s22 %2$d {
                        weight 1
                        TCP_CHECK {
                            connect_timeout 3
                            retry 3
                            delay_loop 5
                        }
                    }
                }
                """.formatted(prefix, WEBSOCKET_PORT));
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
