package io.keepalived4j.notify;

import io.keepalived4j.config.ConfigLoader;
import io.keepalived4j.config.LoadOptions;
import io.keepalived4j.config.model.KeepalivedConfig;
import io.keepalived4j.config.syntax.Limits;
import io.keepalived4j.os.process.RunAs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** From a keepalived.conf to runnable notify targets and SMTP settings. */
class NotifyConfigTest {

    @TempDir
    Path dir;

    /** Loads {@code text} with @D@ standing for a directory holding executable scripts g, x, y, z, n and m. */
    private KeepalivedConfig load(String text) {
        try {
            for (String name : List.of("g", "x", "y", "z", "n", "m")) {
                Scripts.write(dir, name, "exit 0");
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return ConfigLoader.loadText("t.conf", text.replace("@D@", dir.toString()), new LoadOptions("test", Limits.DEFAULT, 0))
                .model();
    }

    private static final String CONF = """
            global_defs {
                router_id nodeA
                notification_email {
                    ops@example.org
                    pager@example.org
                }
                notification_email_from ka@nodeA.example
                smtp_server 127.0.0.1 2525
                smtp_connect_timeout 5
                smtp_alert_vrrp
                script_user nobody
            }
            vrrp_sync_group G1 {
                group {
                    VI_1
                }
                notify "@D@/g 'x y'"
            }
            vrrp_instance VI_1 {
                interface eth0
                virtual_router_id 51
                priority 100
                virtual_ipaddress {
                    10.0.0.100/24
                }
                notify_master "@D@/x MASTERONLY 'a b'"
                notify_backup "@D@/y" root
                notify_fault "@D@/z" no_such_user_k4j
                notify @D@/n
            }
            vrrp_instance VI_2 {
                interface eth0
                virtual_router_id 52
                priority 100
                virtual_ipaddress {
                    10.0.0.101/24
                }
                smtp_alert false
            }
            """;

    @Test
    void notifyScriptsAreSplitAndRunAsScriptUserOrTheirOwnUser() {
        KeepalivedConfig c = load(CONF);
        ScriptIdentities ids = ScriptIdentities.of(c.global());
        Map<String, NotifyTarget> instances = NotifyTargets.instances(c, ids);
        NotifyTarget vi1 = instances.get("VI_1");
        RunAs nobody = RunAs.lookup("nobody", "", false).orElseThrow();
        assertThat(vi1.scripts().get("master")).isEqualTo(new NotifyScript(List.of(dir + "/x", "MASTERONLY", "a b"), nobody));
        assertThat(vi1.scripts().get("backup").runAs().uid()).isZero();
        assertThat(vi1.scripts()).as("unknown user: dropped as keepalived drops it").doesNotContainKey("fault");
        assertThat(vi1.generic()).contains(new NotifyScript(List.of(dir + "/n"), nobody));
        assertThat(vi1.smtpAlert()).as("smtp_alert_vrrp").isTrue();
        assertThat(instances.get("VI_2").smtpAlert()).as("own smtp_alert wins").isFalse();
        assertThat(NotifyTargets.groups(c, ids).get("G1").generic().orElseThrow().argv()).containsExactly(dir + "/g", "x y");
    }

    @Test
    void aScriptIsRunByTheAbsolutePathItResolvesToNotLookedUpAgainAtExecTime() throws Exception {
        // A bare name is found in the systemd PATH once, when the configuration is loaded, and that
        // file is what runs: a PATH with a user-writable directory first changes nothing.
        KeepalivedConfig c = load(CONF.replace("notify @D@/n", "notify true"));
        NotifyScript generic = NotifyTargets.instances(c, ScriptIdentities.of(c.global())).get("VI_1").generic().orElseThrow();
        assertThat(generic.argv().getFirst()).isIn("/usr/bin/true", "/bin/true");
        // Through a symlinked directory: the real directory is what runs (and what the check walks).
        java.nio.file.Path real = java.nio.file.Files.createDirectory(dir.resolve("real"));
        Scripts.write(real, "chk.sh", "exit 0");
        java.nio.file.Files.createSymbolicLink(dir.resolve("linkdir"), real);
        KeepalivedConfig viaLink = load(CONF.replace("notify @D@/n", "notify @D@/linkdir/chk.sh"));
        assertThat(NotifyTargets.instances(viaLink, ScriptIdentities.of(viaLink.global())).get("VI_1").generic()
                .orElseThrow().argv().getFirst()).isEqualTo(real.resolve("chk.sh").toRealPath().toString());
    }

    @Test
    void aMissingNotifyScriptIsDroppedAsKeepalivedDropsIt() {
        KeepalivedConfig c = load(CONF.replace("notify @D@/n", "notify @D@/no-such-script"));
        assertThat(NotifyTargets.instances(c, ScriptIdentities.of(c.global())).get("VI_1").generic()).isEmpty();
    }

    @Test
    void smtpSettingsTakeGlobalDefsWithKeepalivedsDefaults() {
        // The config builder already defaults smtp_helo_name to the host name.
        KeepalivedConfig c = load(CONF);
        SmtpSettings s = SmtpSettings.of(c.global(), "host1").orElseThrow();
        assertThat(s).isEqualTo(new SmtpSettings("127.0.0.1", 2525, LoadOptions.hostName(), Duration.ofSeconds(5), "ka@nodeA.example",
                List.of("ops@example.org", "pager@example.org"), "nodeA"));
        assertThat(SmtpSettings.of(load("global_defs {\n router_id r\n}\n").global(), "host1")).isEmpty();
    }

    @Test
    void defaultScriptUserIsKeepalivedScriptWhenItExistsElseTheDaemon() {
        Optional<RunAs> def = RunAs.scriptDefault("", "", false);
        boolean exists = RunAs.lookup(RunAs.DEFAULT_SCRIPT_USER, "", false).isPresent();
        assertThat(def).isPresent();
        assertThat(def.get().user()).isEqualTo(exists ? RunAs.DEFAULT_SCRIPT_USER : RunAs.daemon().user());
        assertThat(RunAs.scriptDefault("no_such_user_k4j", "", false)).isEmpty();
    }

    @Test
    void withScriptSecurityAMissingDefaultUserRemovesScriptsInsteadOfRunningThemAsRoot() {
        org.junit.jupiter.api.Assumptions.assumeTrue(RunAs.lookup(RunAs.DEFAULT_SCRIPT_USER, "", false).isEmpty(),
                "this host has a keepalived_script user");
        String conf = """
                global_defs {
                    enable_script_security
                }
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 51
                    virtual_ipaddress {
                        10.0.0.100/24
                    }
                    notify @D@/n
                    notify_master "@D@/m" root
                }
                """;
        KeepalivedConfig secure = load(conf);
        NotifyTarget t = NotifyTargets.instances(secure, ScriptIdentities.of(secure.global())).get("VI_1");
        assertThat(t.scripts()).containsOnlyKeys("master");
        KeepalivedConfig open = load(conf.replace("enable_script_security", "router_id r"));
        assertThat(NotifyTargets.instances(open, ScriptIdentities.of(open.global())).get("VI_1").generic()
                .orElseThrow().runAs()).isEqualTo(RunAs.daemon());
    }

    @Test
    void groupAndStopAlertsUseKeepalivedsWording() {
        assertThat(SmtpAlert.forState("r", StateNotification.group("G1", "FAULT"))).contains(new SmtpAlert(
                "[r] VRRP Group G1 - Entering FAULT state", "=> All VRRP group instances are now in FAULT state <="));
        assertThat(SmtpAlert.forState("r", StateNotification.instance("VI_1", "STOP", 100)))
                .contains(new SmtpAlert("[r] VRRP Instance VI_1 - Stopping", "=> VRRP Instance stopping <="));
        assertThat(SmtpAlert.forState("r", StateNotification.instance("VI_1", "MASTER_PRIORITY", 90))).isEmpty();
    }
}
