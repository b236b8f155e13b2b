package io.keepalived4j.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.keepalived4j.config.LoadOptions;
import io.keepalived4j.config.check.ConfigTest;
import io.keepalived4j.daemon.reload.Eth0Host;
import io.keepalived4j.config.model.KeepalivedConfig;
import io.keepalived4j.daemon.reload.ReloadCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SIGHUP action's decision on the file it reads again: errors refuse it in one line and keep
 * the running configuration; an unchanged VRRP side (comments and moved lines aside) is a no-op;
 * priorities change in place; any other change goes through the state transfer, and a transfer that
 * cannot be done keeps the running configuration.
 */
class ReloaderTest {

    private static final String VI_1 = """
            vrrp_instance VI_1 {
                state BACKUP
                interface eth0
                virtual_router_id 51
                priority %d
                advert_int 1
                virtual_ipaddress {
                    192.0.2.10/32
                }
            }
            """;

    @TempDir
    Path dir;

    /** What the reloads asked the running instances to change in place. */
    private final java.util.List<String> applied = new java.util.ArrayList<>();
    private boolean loopAnswers = true;
    /** What the reloads handed to the state transfer, and what it answers (empty: done). */
    private final java.util.List<KeepalivedConfig> transferred = new java.util.ArrayList<>();
    private java.util.Optional<String> transferAnswer = java.util.Optional.empty();

    private Reloader reloaderFor(Path file, String text) throws IOException {
        Files.writeString(file, text);
        var r = ConfigTest.run(file, LoadOptions.withConfigId("t"), new Eth0Host());
        assertThat(r.model()).as(r.diagnostics().toString()).isNotNull();
        KeepalivedConfig running = r.model();
        return new Reloader(new ReloadCheck(file, LoadOptions.withConfigId("t"), new Eth0Host()), running, changes -> {
            changes.forEach(c -> applied.add(c.index() + " " + c.name() + " " + c.from() + "->" + c.to()));
            return loopAnswers;
        }, next -> {
            transferred.add(next);
            return transferAnswer;
        }, null);
    }

    @Test
    void aBrokenFileIsRefusedInOneLineAndTheRunningConfigurationStays() throws IOException {
        Path file = dir.resolve("keepalived.conf");
        Reloader reloader = reloaderFor(file, VI_1.formatted(100));
        KeepalivedConfig before = reloader.running();
        Files.writeString(file, VI_1.formatted(100).replace("virtual_router_id 51", "virtual_router_id 300"));

        Reloader.Result r = reloader.reload();

        assertThat(r.kind()).isEqualTo(Reloader.Kind.REFUSED);
        assertThat(r.line()).startsWith("Reload failed: " + file + ":")
                .endsWith("; keeping the running configuration").doesNotContain("\n");
        assertThat(reloader.running()).isSameAs(before);
        assertThat(reloader.refused()).isEqualTo(1);
        assertThat(reloader.requested()).isEqualTo(1);
    }

    @Test
    void anAcceptedFileGoesToTheCheckersAndARefusedOneDoesNot() throws IOException {
        Path file = dir.resolve("keepalived.conf");
        Files.writeString(file, VI_1.formatted(100));
        var start = ConfigTest.run(file, LoadOptions.withConfigId("t"), new Eth0Host());
        java.util.List<KeepalivedConfig> toCheckers = new java.util.ArrayList<>();
        Reloader reloader = new Reloader(new ReloadCheck(file, LoadOptions.withConfigId("t"), new Eth0Host()),
                start.model(), changes -> true, a -> toCheckers.add(a.config()));
        String vs = """
                virtual_server 192.0.2.80 80 {
                    lvs_sched rr
                    lvs_method DR
                    protocol TCP
                    real_server 192.0.2.81 80 {
                        TCP_CHECK { connect_timeout 1 }
                    }
                }
                """;
        Files.writeString(file, VI_1.formatted(100) + vs);

        assertThat(reloader.reload().kind()).isEqualTo(Reloader.Kind.UNCHANGED);
        assertThat(toCheckers).hasSize(1);
        assertThat(toCheckers.getFirst().lvs().virtualServers()).hasSize(1);

        Files.writeString(file, VI_1.formatted(100).replace("virtual_router_id 51", "virtual_router_id 300") + vs);
        assertThat(reloader.reload().kind()).isEqualTo(Reloader.Kind.REFUSED);
        assertThat(toCheckers).hasSize(1);
    }

    @Test
    void aMissingFileIsRefused() throws IOException {
        Path file = dir.resolve("keepalived.conf");
        Reloader reloader = reloaderFor(file, VI_1.formatted(100));
        Files.delete(file);

        assertThat(reloader.reload().kind()).isEqualTo(Reloader.Kind.REFUSED);
        assertThat(reloader.refused()).isEqualTo(1);
    }

    @Test
    void theSameFileWithAnAddedCommentChangesNothing() throws IOException {
        Path file = dir.resolve("keepalived.conf");
        Reloader reloader = reloaderFor(file, VI_1.formatted(100));
        Files.writeString(file, "# edited by configuration management\n\n" + VI_1.formatted(100));

        Reloader.Result r = reloader.reload();

        assertThat(r.kind()).isEqualTo(Reloader.Kind.UNCHANGED);
        assertThat(r.line()).contains("1 unchanged, 0 with a new priority");
        assertThat(reloader.refused()).isZero();
    }

    @Test
    void aPriorityChangeAloneIsAppliedInPlaceAndBecomesTheRunningConfiguration() throws IOException {
        Path file = dir.resolve("keepalived.conf");
        Reloader reloader = reloaderFor(file, VI_1.formatted(100) + VI_1.replace("VI_1", "VI_2").replace("51", "52").formatted(100));
        Files.writeString(file, VI_1.formatted(100) + VI_1.replace("VI_1", "VI_2").replace("51", "52").formatted(150));

        Reloader.Result r = reloader.reload();

        assertThat(r.kind()).isEqualTo(Reloader.Kind.APPLIED);
        assertThat(r.line()).isEqualTo("Reload: applied in place: (VI_2) priority 100 -> 150");
        assertThat(applied).containsExactly("1 VI_2 100->150");
        assertThat(reloader.running().vrrp().instances().get(1).priority()).isEqualTo(150);
        // The same file again: nothing more to do.
        assertThat(reloader.reload().kind()).isEqualTo(Reloader.Kind.UNCHANGED);
        assertThat(applied).hasSize(1);
    }

    @Test
    void aPriorityChangeTheLoopDoesNotTakeKeepsTheRunningConfiguration() throws IOException {
        Path file = dir.resolve("keepalived.conf");
        Reloader reloader = reloaderFor(file, VI_1.formatted(100));
        KeepalivedConfig before = reloader.running();
        loopAnswers = false;
        Files.writeString(file, VI_1.formatted(150));

        Reloader.Result r = reloader.reload();

        assertThat(r.kind()).isEqualTo(Reloader.Kind.NOT_APPLIED);
        assertThat(reloader.running()).isSameAs(before);
    }

    @Test
    void aPriorityChangeWithAVipChangeGoesThroughTheStateTransfer() throws IOException {
        Path file = dir.resolve("keepalived.conf");
        Reloader reloader = reloaderFor(file, VI_1.formatted(100));
        Files.writeString(file, VI_1.formatted(150).replace("192.0.2.10/32", "192.0.2.10/32\n        192.0.2.11/32"));

        Reloader.Result r = reloader.reload();

        assertThat(r.kind()).isEqualTo(Reloader.Kind.TRANSFERRED);
        assertThat(r.line()).contains("0 unchanged, 1 with a new priority, 1 with a new VIP list")
                .contains("every kept instance goes on in its state");
        assertThat(applied).as("not in place: the transfer builds the instances anew").isEmpty();
        assertThat(transferred).hasSize(1);
        assertThat(reloader.running()).isSameAs(transferred.getFirst());
        assertThat(reloader.running().vrrp().instances().getFirst().virtualAddresses()).hasSize(2);

        // The same file again: nothing more to do.
        assertThat(reloader.reload().kind()).isEqualTo(Reloader.Kind.UNCHANGED);
        assertThat(transferred).hasSize(1);
    }

    @Test
    void aTransferThatCannotBeDoneKeepsTheRunningConfigurationAndSaysWhy() throws IOException {
        Path file = dir.resolve("keepalived.conf");
        Reloader reloader = reloaderFor(file, VI_1.formatted(100));
        KeepalivedConfig before = reloader.running();
        transferAnswer = java.util.Optional.of("cannot open the new configuration's instances: no interface eth9");
        Files.writeString(file, VI_1.formatted(100).replace("virtual_router_id 51", "virtual_router_id 52"));

        Reloader.Result r = reloader.reload();

        assertThat(r.kind()).isEqualTo(Reloader.Kind.NOT_APPLIED);
        assertThat(r.line()).contains("1 added, 1 removed").contains("no interface eth9")
                .endsWith("; keeping the running configuration");
        assertThat(reloader.running()).isSameAs(before);
    }

    @Test
    void anAddressOwnersPriorityIsNotChangedInPlaceButTransferred() throws IOException {
        Path file = dir.resolve("keepalived.conf");
        Reloader reloader = reloaderFor(file, VI_1.formatted(255));
        Files.writeString(file, VI_1.formatted(200));

        assertThat(reloader.reload().kind()).isEqualTo(Reloader.Kind.TRANSFERRED);
        assertThat(applied).isEmpty();
        assertThat(transferred).hasSize(1);
    }
}
