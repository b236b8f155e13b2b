package io.keepalived4j.os.process;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScriptLauncherTest {

    private final ScriptLauncher launcher = new ScriptLauncher();

    @Test
    void ourOwnIdentityNeedsOnlyANewSession() {
        assertThat(launcher.command(List.of("/x", "a b"), RunAs.daemon())).containsExactly("/usr/bin/setsid", "/x", "a b");
    }

    @Test
    void anotherUserGoesThroughSetprivWithGroupsClearedUnlessSupplementaryGroupsAreWanted() {
        RunAs other = new RunAs("svc", 4242, 4343, false);
        assertThat(launcher.command(List.of("/x"), other)).containsExactly("/usr/bin/setsid", "/usr/bin/setpriv",
                "--reuid=4242", "--regid=4343", "--clear-groups", "--", "/x");
        assertThat(launcher.command(List.of("/x"), new RunAs("svc", 4242, 4343, true))).contains("--init-groups");
    }

    @Test
    void processGroupsRefuseIdsThatWouldSignalEveryoneAndReportGoneGroups() throws Exception {
        assertThatThrownBy(() -> ProcessGroups.terminate(1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProcessGroups.kill(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProcessGroups.kill(-5)).isInstanceOf(IllegalArgumentException.class);
        try (ScriptProcess p = launcher.start(List.of("/bin/true"), RunAs.daemon())) {
            assertThat(p.waitFor(java.time.Duration.ofSeconds(10))).isTrue();
            assertThat(ProcessGroups.terminate(p.pid())).as("group of an exited, reaped script").isFalse();
        }
    }
}
