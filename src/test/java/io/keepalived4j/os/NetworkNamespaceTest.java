package io.keepalived4j.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keepalived4j.testsupport.Root;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NetworkNamespaceTest {

    @Test
    void theActionRunsInTheNamespaceAndTheCallerStaysWhereItWas() throws Exception {
        Root.assumeRootOrFailOnCi();
        String ours = netNs();
        try (VethLab lab = VethLab.create()) {
            String inside = NetworkNamespace.call(lab.nsA, NetworkNamespaceTest::netNs);
            String expected = "net:[" + Files.getAttribute(Path.of("/run/netns", lab.nsA), "unix:ino") + "]";

            assertThat(inside).isEqualTo(expected).isNotEqualTo(ours);
            assertThat(netNs()).isEqualTo(ours);
        }
    }

    @Test
    void theActionsExceptionReachesTheCaller() throws Exception {
        Root.assumeRootOrFailOnCi();
        try (VethLab lab = VethLab.create()) {
            assertThatThrownBy(() -> NetworkNamespace.call(lab.nsA, () -> {
                throw new IOException("boom");
            })).isInstanceOf(IOException.class).hasMessage("boom");
        }
    }

    @Test
    void anUnknownNamespaceIsEnoent() {
        assertThatThrownBy(() -> NetworkNamespace.call("k4jnosuchns000", () -> "never"))
                .isInstanceOf(NativeException.class)
                .hasMessage("open(/run/netns/k4jnosuchns000): No such file or directory (ENOENT)");
        assertThatThrownBy(() -> NetworkNamespace.call("../etc", () -> "never"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // The thread's own namespace: /proc/self would show the main thread's.
    private static String netNs() throws IOException {
        return Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net")).toString();
    }
}
