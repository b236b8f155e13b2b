package io.keepalived4j.os.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import io.keepalived4j.testsupport.ExecResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RtNetlinkDumpTest {

    @Test
    void aDumpSpanningManyDatagramsIsReadToNlmsgDone() throws Exception {
        try (NamespaceFixture f = NamespaceFixture.create("nldump")) {
            // 1200 addresses of ~70 bytes each need several 32 KiB dump datagrams.
            StringBuilder batch = new StringBuilder();
            for (int i = 0; i < 1200; i++) {
                batch.append("addr add 10.").append(200 + i / 250).append('.').append(i % 250).append(".1/32 dev eth1\n");
            }
            ExecResult r = f.ns.exec(List.of("sh", "-c", "printf '" + batch + "' | ip -batch -"), Duration.ofSeconds(30));
            assertThat(r.ok()).as("%s", r).isTrue();

            List<InterfaceAddress> all = f.rt.addresses(f.ifindex("eth1"));

            long expected = f.ip("-o", "-4", "addr", "show", "dev", "eth1").lines().count();
            assertThat(expected).isEqualTo(1200);
            assertThat(all).hasSize(1200 + (int) f.ip("-o", "-6", "addr", "show", "dev", "eth1").lines().count());
            assertThat(all).extracting(a -> a.prefix().toString()).contains("10.200.0.1/32", "10.204.199.1/32")
                    .doesNotHaveDuplicates();
        }
    }
}
