package io.keepalived4j.daemon.reload;

import static org.assertj.core.api.Assertions.assertThat;

import io.keepalived4j.config.LoadOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reload reads the file as at start: errors refuse it with the first ones named, in one line. */
class ReloadCheckTest {

    @TempDir
    Path dir;

    private ReloadCheck.Outcome check(String text) throws IOException {
        Path file = dir.resolve("k.conf");
        Files.writeString(file, text);
        return new ReloadCheck(file, LoadOptions.withConfigId("t"), new Eth0Host()).check();
    }

    private static String instance(int vrid) {
        return """
                vrrp_instance VI_%d {
                    interface eth0
                    virtual_router_id %d
                    priority 100
                    virtual_ipaddress {
                        192.0.2.10/32
                    }
                }
                """.formatted(vrid, vrid);
    }

    @Test
    void aValidFileIsAcceptedWithItsModel() throws IOException {
        ReloadCheck.Outcome o = check(instance(51));
        assertThat(o).isInstanceOfSatisfying(ReloadCheck.Accepted.class,
                a -> assertThat(a.config().vrrp().instances()).singleElement().satisfies(i -> assertThat(i.virtualRouterId()).isEqualTo(51)));
    }

    @Test
    void theFirstThreeErrorsAreNamedAndTheRestCounted() throws IOException {
        ReloadCheck.Outcome o = check(instance(51).replace("51", "300") + instance(52).replace("52", "301")
                + instance(53).replace("53", "302") + instance(54).replace("54", "303") + instance(55).replace("55", "304"));
        assertThat(o).isInstanceOfSatisfying(ReloadCheck.Refused.class, r -> {
            assertThat(r.reason()).contains("k.conf:").contains("more error").doesNotContain("\n");
            assertThat(r.reason().split("; k.conf|; /")).hasSizeLessThanOrEqualTo(ReloadCheck.ERRORS_SHOWN);
        });
    }
}
