package io.keepalived4j.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Configuration files the CLI tests write into their temporary directory. */
final class Configs {

    /**
     * An Ethernet interface of this host that can multicast, which keepalived 2.2.7 accepts for an
     * instance (it refuses the loopback); without one, eth0 under dynamic_interfaces, which -t
     * accepts too (probe 142), with a note.
     */
    private static final String[] INTERFACE = hostInterface();

    /** A valid file that -t accepts on any host. */
    static final String GOOD = """
            global_defs {
                router_id lb1
            %s}
            vrrp_instance VI_1 {
                state MASTER
                interface %s
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
            """.formatted(INTERFACE[1], INTERFACE[0]);

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

    /** {name, extra global_defs line}. */
    private static String[] hostInterface() {
        try (var names = Files.list(Path.of("/sys/class/net"))) {
            for (Path dev : names.sorted().toList()) {
                String type = Files.readString(dev.resolve("type")).strip();
                int flags = Integer.decode(Files.readString(dev.resolve("flags")).strip());
                if (type.equals("1") && (flags & 0x1000) != 0) {
                    return new String[] {dev.getFileName().toString(), ""};
                }
            }
        } catch (IOException | RuntimeException e) {
            // no sysfs: fall through
        }
        return new String[] {"eth0", "    dynamic_interfaces\n"};
    }

    static Path write(Path dir, String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
