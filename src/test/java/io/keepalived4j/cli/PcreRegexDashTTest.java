package io.keepalived4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** -t names a regex keepalived4j refuses at file:line, and keeps keepalived's exit status unless --strict. */
class PcreRegexDashTTest {

    @TempDir
    Path dir;

    private static final String LVS = """
            virtual_server 10.1.0.1 80 {
              lvs_sched rr
              lvs_method NAT
              protocol TCP
              real_server 10.2.0.1 80 {
                HTTP_GET {
                  url {
                    path /
                    regex "foo\\\\Kbar"
                  }
                }
              }
            }
            """;

    @Test
    void configTestReportsTheRefusedRegexAtItsLine() {
        Path conf = Configs.write(dir, "keepalived.conf", Configs.GOOD + LVS);
        int line = (int) (Configs.GOOD + LVS).lines().takeWhile(l -> !l.contains("regex")).count() + 1;

        CliRun run = CliRun.of("-t", "-f", conf.toString());
        assertThat(run.err()).contains(conf + ":" + line + ":").contains("error: regex \"foo\\Kbar\": \\K (reset the match start)");
        assertThat(run.status()).as(run.all()).isZero();

        assertThat(CliRun.of("-t", "--strict", "-f", conf.toString()).status()).isEqualTo(5);
    }
}
