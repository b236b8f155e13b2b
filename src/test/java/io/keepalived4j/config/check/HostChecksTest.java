package io.keepalived4j.config.check;

import io.keepalived4j.config.ConfigLoader.LoadResult;
import io.keepalived4j.config.Diagnostic;
import io.keepalived4j.config.KaStatus;
import io.keepalived4j.config.LoadOptions;
import io.keepalived4j.config.syntax.Limits;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The -t checks that need the host, against a fake host: interfaces and script security. */
class HostChecksTest {

    /** A host with eth0 only, a root-owned /usr/bin/true, and the files a test adds. */
    static final class FakeHost implements HostEnvironment {
        final Set<String> interfaces = new java.util.HashSet<>(Set.of("lo", "eth0"));
        final Map<String, FileFacts> files = new HashMap<>(Map.of(
                "/usr/bin/true", new FileFacts("/usr/bin/true", 0, 0755, true, "")));
        final Set<String> users = new java.util.HashSet<>(Set.of("root", "nobody"));
        final Set<String> namespaces = new java.util.HashSet<>(Set.of("blue"));

        @Override
        public boolean networkNamespaceExists(String name) {
            return namespaces.contains(name);
        }

        @Override
        public boolean interfaceExists(String name) {
            return interfaces.contains(name);
        }

        @Override
        public Optional<FileFacts> file(String path) {
            return Optional.ofNullable(files.get(path));
        }

        @Override
        public boolean userExists(String name) {
            return users.contains(name);
        }

        @Override
        public Optional<String> which(String command) {
            return files.containsKey("/usr/bin/" + command) ? Optional.of("/usr/bin/" + command) : Optional.empty();
        }
    }

    private final FakeHost host = new FakeHost();

    private LoadResult test(String text) {
        return ConfigTest.runText("t.conf", text, new LoadOptions("test", Limits.DEFAULT, 0), host);
    }

    private static String instance(String iface, String extra) {
        return "vrrp_instance VI_1 {\n interface " + iface + "\n virtual_router_id 51\n" + extra
                + "\n virtual_ipaddress {\n  10.231.0.100/24\n }\n}\n";
    }

    private static List<String> messages(LoadResult r) {
        return r.diagnostics().all().stream().map(Diagnostic::message).toList();
    }

    @Test
    void existingInterfaceIsClean() {
        LoadResult r = test(instance("eth0", ""));
        assertThat(r.diagnostics().status()).isEqualTo(KaStatus.NONE);
    }

    @Test
    void missingInterfaceIsAWarningThenBadInterfaceAndExitsFive() {
        LoadResult r = test(instance("eth9", ""));
        assertThat(messages(r)).contains("WARNING - interface eth9 for vrrp_instance VI_1 doesn't exist",
                "Non-existent interface specified in configuration");
        // BAD_IF alone would be 4; keepalived's warning comes first and the higher status wins: 5.
        assertThat(r.diagnostics().status().exitCode()).isEqualTo(5);
    }

    @Test
    void dynamicInterfacesSilencesMissingInterfaces() {
        LoadResult r = test("global_defs {\n dynamic_interfaces\n}\n" + instance("eth9", ""));
        assertThat(r.diagnostics().status().exitCode()).isZero();
    }

    @Test
    void trackedInterfaceAndVipDeviceAreChecked() {
        LoadResult r = test("vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 51\n track_interface {\n  eth7\n }\n"
                + " virtual_ipaddress {\n  10.231.0.100/24 dev eth8\n }\n}\n");
        assertThat(messages(r)).contains("(VI_1) tracked interface eth7 doesn't exist",
                "WARNING - interface eth8 for ip address 10.231.0.100/24 doesn't exist");
    }

    @Test
    void linkbeatInterfaceThatDoesNotExistIsFatal() {
        LoadResult r = test("linkbeat_interfaces {\n eth9\n}\n");
        assertThat(messages(r)).contains("unknown interface eth9 specified for linkbeat interface");
        assertThat(r.diagnostics().status().exitCode()).isEqualTo(4);
    }

    @Test
    void scriptWithoutScriptSecurityIsASecurityViolation() {
        LoadResult r = test(instance("eth0", " notify_master \"/usr/bin/true\""));
        assertThat(messages(r)).containsOnlyOnce(
                "SECURITY VIOLATION - scripts are being executed but script_security not enabled.");
        assertThat(r.diagnostics().status().exitCode()).isEqualTo(6);
    }

    @Test
    void missingNotifyScriptIsSilentButMissingTrackScriptIsDisabled() {
        assertThat(test(instance("eth0", " notify_master \"/usr/local/bin/nothere\"")).diagnostics().status())
                .isEqualTo(KaStatus.NONE);
        LoadResult r = test("vrrp_script chk {\n script \"/usr/local/bin/nothere\"\n}\n" + instance("eth0", ""));
        assertThat(messages(r)).contains("Disabling track script chk since not found/accessible");
        assertThat(r.diagnostics().status().exitCode()).isEqualTo(5);
    }

    @Test
    void scriptSecurityWithRootUserAndRootOwnedScriptIsClean() {
        LoadResult r = test("global_defs {\n enable_script_security\n script_user root\n}\n"
                + "vrrp_script chk {\n script \"true\"\n}\n" + instance("eth0", " track_script {\n  chk\n }"));
        assertThat(r.diagnostics().status()).as(r.diagnostics().all().toString()).isEqualTo(KaStatus.NONE);
    }

    @Test
    void scriptSecurityWithoutUserNeedsKeepalivedScriptUser() {
        LoadResult r = test("global_defs {\n enable_script_security\n}\n" + instance("eth0", " notify_master \"/usr/bin/true\""));
        assertThat(messages(r)).anyMatch(m -> m.startsWith("Unable to set default user keepalived_script"));
        assertThat(r.diagnostics().status().exitCode()).isEqualTo(5);
    }

    @Test
    void scriptWritableByOthersOrInAnUnsafeDirectoryIsRefused() {
        host.files.put("/opt/x/check.sh", new HostEnvironment.FileFacts("/opt/x/check.sh", 0, 0777, true, ""));
        host.files.put("/tmp/check.sh", new HostEnvironment.FileFacts("/tmp/check.sh", 0, 0755, true, "/tmp"));
        String globals = "global_defs {\n enable_script_security\n script_user root\n}\n";
        assertThat(messages(test(globals + instance("eth0", " notify_master \"/opt/x/check.sh\""))))
                .anyMatch(m -> m.startsWith("Unsafe permissions found for script '/opt/x/check.sh'"));
        assertThat(test(globals + instance("eth0", " notify_master \"/tmp/check.sh\"")).diagnostics().all())
                .anyMatch(d -> d.code().equals("script-unsafe") && d.suggestion().contains("/tmp"));
    }

    @Test
    void checkerScriptsAreTheirOwnSide() {
        LoadResult r = test(instance("eth0", " notify_master \"/usr/bin/true\"")
                + "virtual_server 10.231.0.100 80 {\n protocol TCP\n real_server 10.231.0.21 80 {\n"
                + "  MISC_CHECK {\n   misc_path \"/usr/bin/true\"\n  }\n }\n}\n");
        assertThat(messages(r)).contains("SECURITY VIOLATION - scripts are being executed but script_security not enabled.",
                "SECURITY VIOLATION - check scripts are being executed but script_security not enabled.");
    }

    private static Diagnostic first(LoadResult r, String messageStart) {
        return r.diagnostics().all().stream().filter(x -> x.message().startsWith(messageStart)).findFirst()
                .orElseThrow(() -> new AssertionError("no '" + messageStart + "' in " + messages(r)));
    }

    @Test
    void missingInterfaceIsReportedAtTheInterfaceLine() {
        LoadResult r = test(instance("eth9", ""));
        assertThat(first(r, "WARNING - interface eth9").position().line()).isEqualTo(2);
        assertThat(first(r, "Non-existent interface").position().line()).as("the first missing interface").isEqualTo(2);
    }

    @Test
    void missingInterfaceStopsTheVrrpCompletionChecks() {
        // keepalived 2.2.7 stops the VRRP side before its completion checks: no script security
        // violation (5, not 6), and the completion findings stay visible as notes.
        LoadResult r = test("vrrp_script chk {\n script \"/usr/bin/true\"\n}\n"
                + instance("eth9", " track_interface {\n  eth9\n }\n unicast_src_ip 10.231.0.1"));
        assertThat(messages(r)).noneMatch(m -> m.startsWith("SECURITY VIOLATION"));
        assertThat(r.diagnostics().status().exitCode()).isEqualTo(5);
        assertThat(r.diagnostics().all()).anyMatch(x -> x.code().equals("unicast-no-peer") && x.status() == KaStatus.NONE);
    }

    @Test
    void loopbackInterfaceIsRefused() {
        LoadResult r = test(instance("lo", ""));
        assertThat(messages(r)).contains("(VI_1) cannot use a loopback interface (lo) for vrrp - ignoring",
                "(VI_1) Unknown interface!");
        assertThat(first(r, "(VI_1) cannot use a loopback").position().line()).isEqualTo(2);
    }

    @Test
    void globalScriptUserThatDoesNotExistIsAnErrorAndRemovesTrackScripts() {
        LoadResult r = test("global_defs {\n script_user k4j_nobody\n}\nvrrp_script chk {\n script \"/usr/bin/true\"\n}\n"
                + instance("eth0", ""));
        assertThat(first(r, "Error setting global script uid/gid").position().line()).isEqualTo(2);
        assertThat(messages(r)).contains("Unable to set default user for vrrp script chk - removing")
                .noneMatch(m -> m.startsWith("SECURITY VIOLATION"));
        assertThat(r.diagnostics().status().exitCode()).isEqualTo(5);
    }

    @Test
    void notifyScriptWhoseUserDoesNotExistIsDroppedWithoutAnError() {
        LoadResult r = test(instance("eth0", " notify_master /usr/bin/true k4j_nobody"));
        assertThat(r.diagnostics().status()).isEqualTo(KaStatus.NONE);
        assertThat(r.diagnostics().all()).anyMatch(x -> x.code().equals("script-user"));
    }

    @Test
    void devTcpTestIsNotAScript() {
        LoadResult r = test("vrrp_script chk {\n script \"</dev/tcp/127.0.0.1/80\"\n}\n"
                + instance("eth0", " track_script {\n  chk\n }"));
        assertThat(r.diagnostics().status()).as(messages(r).toString()).isEqualTo(KaStatus.NONE);
    }

    @Test
    void insecureNotifyScriptIsOnlyLoggedButInsecureTrackScriptIsDisabled() {
        host.files.put("/opt/x/check.sh", new HostEnvironment.FileFacts("/opt/x/check.sh", 0, 0777, true, ""));
        String globals = "global_defs {\n enable_script_security\n script_user root\n}\n";
        assertThat(test(globals + instance("eth0", " notify_master \"/opt/x/check.sh\"")).diagnostics().status())
                .isEqualTo(KaStatus.NONE);
        LoadResult r = test(globals + "vrrp_script chk {\n script \"/opt/x/check.sh\"\n}\n"
                + instance("eth0", " track_script {\n  chk\n }"));
        assertThat(messages(r)).contains("Disabling track script chk due to insecure");
        assertThat(r.diagnostics().status().exitCode()).isEqualTo(5);
    }

    @Test
    void scriptRunAsAnotherUserNeedsNoProtection() {
        // Only a script run with root rights has its path checked (check_script_secure()).
        host.files.put("/opt/x/check.sh", new HostEnvironment.FileFacts("/opt/x/check.sh", 0, 0777, true, ""));
        LoadResult r = test("global_defs {\n enable_script_security\n script_user nobody\n}\n"
                + "vrrp_script chk {\n script \"/opt/x/check.sh\"\n}\n" + instance("eth0", " track_script {\n  chk\n }"));
        assertThat(r.diagnostics().status()).as(messages(r).toString()).isEqualTo(KaStatus.NONE);
    }

    @Test
    void missingNetworkNamespaceEndsTheTestWithExitZero() {
        // keepalived 2.2.7 cannot enter it, logs "Unable to set network namespace" and ends: exit 0
        // whatever its first read found, except a missing value there (exit 2 at once).
        LoadResult r = test("net_namespace red\n$G=lb_group\n$G {\n}\n" + instance("eth9", " nopreempt\n state MASTER"));
        assertThat(r.diagnostics().status()).as(messages(r).toString()).isEqualTo(KaStatus.NONE);
        assertThat(r.diagnostics().all()).anyMatch(x -> x.code().equals("netns-missing") && x.position().line() == 1)
                .anyMatch(x -> x.code().equals("unknown-keyword"));
        assertThat(test("net_namespace red\nglobal_defs {\n vrrp_version\n}\n").diagnostics().status().exitCode())
                .isEqualTo(2);
        assertThat(test("net_namespace red\n" + instance("eth0", " priority")).diagnostics().status())
                .as("a missing value in an instance: never read").isEqualTo(KaStatus.NONE);
        assertThat(test("net_namespace blue\n" + instance("eth9", "")).diagnostics().status().exitCode())
                .as("an existing namespace: checked as usual").isEqualTo(5);
    }
}
