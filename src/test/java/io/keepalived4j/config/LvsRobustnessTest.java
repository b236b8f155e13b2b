package io.keepalived4j.config;

import io.keepalived4j.config.ConfigLoader.LoadResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded mutations of a configuration that uses every LVS keyword: values swapped for awkward
 * ones, arguments dropped, lines deleted. The LVS builders must report, never throw. A failing
 * seed is in the test name; replay it by running that one case.
 */
class LvsRobustnessTest {

    private static final String[] AWKWARD = {"", "-1", "0", "x", "::", "fe80::1", "10.0.0.1-5", "10.0.0.0/33",
            "99999999999999999999", "1.0000001", "0x10", "+3", "2001:db8::1-ffff", "TUN type gue", "\"a b\"",
            "255.255.255.0", "inet6", "1e3", ".", "a..b", "XX", "65536", "4294967296"};

    static LongStream seeds() {
        return LongStream.range(0, 300);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void mutatedConfigurationIsReportedNotThrown(long seed) {
        Random random = new Random(seed);
        List<String> lines = new ArrayList<>(Arrays.asList(LvsKeywordsTestText.TEXT.split("\n")));
        int mutations = 1 + random.nextInt(6);
        for (int i = 0; i < mutations; i++) {
            int at = random.nextInt(lines.size());
            String line = lines.get(at);
            String trimmed = line.strip();
            if (trimmed.equals("}") || trimmed.endsWith("{")) {
                if (random.nextInt(4) == 0) {
                    lines.set(at, line.replaceAll("\\s+\\S+\\s*\\{$", " {"));
                }
                continue;
            }
            switch (random.nextInt(3)) {
                case 0 -> lines.set(at, line.replaceFirst("^(\\s*\\S+).*$", "$1"));
                case 1 -> lines.set(at, line.replaceFirst("^(\\s*\\S+).*$", "$1 " + AWKWARD[random.nextInt(AWKWARD.length)]));
                default -> lines.remove(at);
            }
        }
        LoadResult r = ConfigLoader.loadText("seed-" + seed + ".conf", String.join("\n", lines), LoadOptions.withConfigId("t"));
        assertThat(r.diagnostics().all()).as("seed " + seed).noneMatch(d -> d.code().equals("internal-error"));
        assertThat(r.model()).as("seed " + seed).isNotNull();
    }
}
