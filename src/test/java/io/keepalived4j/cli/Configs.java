package io.keepalived4j.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Configuration files the CLI tests write into their temporary directory. */
final class Configs {

    /** A valid file that -t accepts on any host: its interface is the loopback. */
    static final String GOOD = """
            global_defs {
                router_id lb1
            }
            vrrp_instance VI_1 {
                state MASTER
                interface lo
                virtual_router_id 51
                priority 150
                advert_int 1
                authentication {
                    auth_type PASS
                    auth_pass secret1
                }
                virtual_ipaddress {
                    192.0.2.100/32
                }
            }
            """;

    /** GOOD as the backup node of the same cluster. */
    static final String GOOD_BACKUP = GOOD.replace("router_id lb1", "router_id lb2")
            .replace("state MASTER", "state BACKUP").replace("priority 150", "priority 100");

    /** Only a warning that keepalived itself accepts silently (exit 0): an unsupported block. */
    static final String WARNING_ONLY = GOOD + """
            bfd_instance bfd1 {
                neighbor_ip 192.0.2.1
            }
            """;

    /** Only a note (our advice): a plain include that matches nothing, which keepalived ignores. */
    static final String NOTE_ONLY = GOOD + "include /nonexistent-keepalived4j-test-dir/*.conf\n";

    private Configs() {
    }

    static Path write(Path dir, String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
