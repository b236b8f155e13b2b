package io.keepalived4j.config.schema;

import java.util.Map;
import java.util.Optional;

/**
 * Mistakes that edit distance cannot explain, seen in real tutorials (see the seeds in the
 * tests): keywords from other software or from memory, keyed by block then by the wrong word.
 * A block name of "*" applies everywhere.
 */
final class Hints {

    private static final Map<String, Map<String, String>> BY_BLOCK = Map.of(
            "authentication", Map.of(
                    "type", "keepalived calls it 'auth_type' (auth_type PASS)",
                    "password", "keepalived calls it 'auth_pass' (auth_pass 1111; at most 8 characters)",
                    "pass", "keepalived calls it 'auth_pass'"),
            "*", Map.of(
                    "nb_get_replies", "use 'retry' (HTTP_GET/SSL_GET also know the deprecated 'nb_get_retry')",
                    "connection_timeout", "use 'connect_timeout'",
                    "advert_interval", "use 'advert_int' (seconds between adverts)",
                    "//", "'//' does not start a comment in keepalived.conf: use '#' or '!'",
                    "priorty", "use 'priority'",
                    "virtual_ipaddresses", "use 'virtual_ipaddress'",
                    "real_servers", "each server needs its own 'real_server IP PORT { }' block",
                    "lb_method", "use 'lvs_method' (or the older 'lb_kind')",
                    "lvs_algo", "use 'lvs_sched' (or the older 'lb_algo')"));

    private Hints() {
    }

    static Optional<String> forKeyword(String block, String keyword) {
        String hint = BY_BLOCK.getOrDefault(block, Map.of()).get(keyword);
        if (hint == null) {
            hint = BY_BLOCK.get("*").get(keyword);
        }
        if (hint == null && keyword.startsWith("//")) {
            hint = BY_BLOCK.get("*").get("//");
        }
        return Optional.ofNullable(hint);
    }
}
