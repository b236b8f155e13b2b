package io.keepalived4j.config.check;

import io.keepalived4j.config.ConfigLoader;
import io.keepalived4j.config.Diagnostic;
import io.keepalived4j.config.LoadOptions;
import io.keepalived4j.notify.NotifyTargets;
import io.keepalived4j.notify.ScriptIdentities;
import io.keepalived4j.os.process.ScriptPath;
import io.keepalived4j.testsupport.Root;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The script the security check looks at is the script the daemon runs. A script reached through a
 * symlinked directory lives in the directory the link points to: the check walks that real
 * directory (here one anybody can write, so the script is refused), and the daemon executes the
 * real path, never the configured string again (a link changed after the check cannot redirect it).
 */
class ScriptPathConsistencyTest {

    @TempDir
    Path dir;

    @Test
    void aScriptThroughASymlinkedDirectoryIsCheckedAndRunWhereItReallyIs() throws Exception {
        Root.assumeRootOrFailOnCi();
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path open = Files.createDirectory(dir.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path script = Files.writeString(open.resolve("chk.sh"), "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path safe = Files.createDirectory(dir.resolve("etc"));
        Path link = Files.createSymbolicLink(safe.resolve("scripts"), open);
        String configured = link.resolve("chk.sh").toString();
        String conf = """
                global_defs {
                    enable_script_security
                    script_user root
                }
                vrrp_script chk {
                    script "%s"
                }
                vrrp_instance VI_1 {
                    interface %s
                    virtual_router_id 51
                    priority 100
                    virtual_ipaddress {
                        10.0.0.100/24
                    }
                    track_script {
                        chk
                    }
                    notify "%s"
                }
                """.formatted(configured, anInterface(), configured);
        Path file = Files.writeString(dir.resolve("k.conf"), conf);
        var r = ConfigTest.run(file, LoadOptions.withConfigId(null), HostEnvironment.system());
        Set<String> messages = r.diagnostics().all().stream().map(Diagnostic::message).collect(Collectors.toSet());
        assertThat(messages).as("the check walked " + open + ", not " + safe)
                .anyMatch(m -> m.contains("Disabling track script chk due to insecure"));
        // The daemon runs the real path: the one the check examined.
        assertThat(ScriptPath.resolve(configured)).contains(script.toRealPath());
        var model = ConfigLoader.load(file, LoadOptions.withConfigId(null)).model();
        var generic = NotifyTargets.instances(model, ScriptIdentities.of(model.global())).get("VI_1").generic();
        assertThat(generic).isPresent();
        assertThat(generic.get().argv().getFirst()).isEqualTo(script.toRealPath().toString());
    }

    /** An Ethernet interface of this host (2.2.7 refuses the loopback for an instance). */
    private static String anInterface() throws Exception {
        try (var names = Files.list(Path.of("/sys/class/net"))) {
            return names.map(p -> p.getFileName().toString()).filter(n -> !n.equals("lo")).sorted().findFirst().orElse("eth0");
        }
    }
}
