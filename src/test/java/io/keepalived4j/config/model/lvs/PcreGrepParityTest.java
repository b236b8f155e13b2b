package io.keepalived4j.config.model.lvs;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The accepted regexes of {@link PcreRegexTest} against PCRE2 itself: GNU grep -P links the same
 * libpcre2-8 as keepalived. {@code grep -Pz} makes the whole input one subject; grep adds
 * PCRE2_DOLLAR_ENDONLY, which differs from keepalived only where {@code $} meets a subject ending in
 * a newline: those cases are left out of the comparison (PcreRegexTest covers them on the Java side).
 */
class PcreGrepParityTest {

    @BeforeAll
    static void grepHasPcre() throws Exception {
        assertThat(grep("a", "a")).as("GNU grep -P (libpcre2-8) must be installed").isZero();
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> comparable() {
        return PcreRegexTest.accepted().filter(a -> {
            Object[] v = a.get();
            return !(((String) v[0]).contains("$") && ((String) v[1]).endsWith("\n"));
        });
    }

    /** grep's exit status: 0 found, 1 not found, 2 error. */
    private static int grep(String regex, String subject) throws Exception {
        Path input = Files.createTempFile("k4j-pcre-", ".txt");
        try {
            Files.write(input, subject.getBytes(StandardCharsets.ISO_8859_1));
            ProcessBuilder pb = new ProcessBuilder(List.of("grep", "-Pzq", "--", regex))
                    .redirectInput(input.toFile()).redirectOutput(new File("/dev/null")).redirectError(new File("/dev/null"));
            pb.environment().put("LC_ALL", "C");
            Process p = pb.start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return 2;
            }
            return p.exitValue();
        } catch (java.io.IOException e) {
            return 2;
        } finally {
            Files.deleteIfExists(input);
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("comparable")
    void javaFindsWhatPcre2Finds(String regex, String subject, boolean expected) throws Exception {
        boolean java = PcreRegex.compile(regex, List.of()).pattern().matcher(subject).find();
        assertThat(grep(regex, subject)).as("grep -P exit status").isEqualTo(expected ? 0 : 1);
        assertThat(java).isEqualTo(expected);
    }
}
