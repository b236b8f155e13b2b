package io.keepalived4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * packaging/jvm-profile.sh: the launcher adds the proxy's JVM options (C2, a larger heap) exactly
 * when the daemon will run the userspace proxy, and keeps VRRP-only daemons and subcommands on
 * the lean base options.
 */
class LauncherJvmProfileTest {

    @TempDir
    Path dir;

    private List<String> options(String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("bash", "-c",
                ". packaging/jvm-profile.sh; k4j_jvm_options packaging \"$@\"; printf '%s\\n' \"${k4j_opts[@]}\"", "x"));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.lines().toList();
    }

    @Test
    void theProxyProfileIsAddedOnlyForADaemonThatRunsTheProxy() throws Exception {
        Path lb = Files.writeString(dir.resolve("lb.conf"), "vrrp_instance VI_1 {\n}\nvirtual_server 10.0.0.1 80 {\n}\n");
        Path vrrp = Files.writeString(dir.resolve("vrrp.conf"), "vrrp_instance VI_1 {\n}\n! virtual_server in a comment\n");
        List<String> base = options("-f", vrrp.toString());
        assertThat(base).contains("-XX:TieredStopAtLevel=1", "-Xms10m", "-Xmx128m", "-XX:TrimNativeHeapInterval=10000").doesNotContain("-Xmx256m");
        assertThat(options("-f", lb.toString())).endsWith("-XX:TieredStopAtLevel=4", "-Xmx256m");
        assertThat(options("--use-file=" + lb, "-n")).endsWith("-XX:TieredStopAtLevel=4", "-Xmx256m");
        assertThat(options("-f" + lb)).endsWith("-XX:TieredStopAtLevel=4", "-Xmx256m");
        assertThat(options("-f", lb.toString(), "-P")).isEqualTo(base);
        assertThat(options("-f", lb.toString(), "--data-plane", "none")).isEqualTo(base);
        assertThat(options("-f", lb.toString(), "--data-plane=ipvs")).isEqualTo(base);
        List<String> tool = base.stream().filter(o -> !o.startsWith("-Xms") && !o.startsWith("-Xmn")
                && !o.startsWith("-Xmx") && !o.equals("-XX:+AlwaysPreTouch")).toList();
        assertThat(tool).as("a tool keeps the GC and compiler choice").contains("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")
                .hasSize(base.size() - 4);
        assertThat(options("-t", "-f", lb.toString())).isEqualTo(tool);
        assertThat(options("demo")).isEqualTo(tool);
        assertThat(options("lvs", "--stats")).isEqualTo(tool);
        assertThat(options("-v")).isEqualTo(tool);
    }

    private List<String> aotOptions(Path jar, Path cache) throws Exception {
        Process p = new ProcessBuilder("bash", "-c",
                ". packaging/jvm-profile.sh; k4j_opts=(); k4j_aot_option \"$1\" \"$2\"; printf '%s\\n' \"${k4j_opts[@]}\"",
                "x", jar.toString(), cache.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.lines().filter(l -> !l.isEmpty()).toList();
    }

    @Test
    void theAotCacheIsUsedOnlyWhenItWasMadeFromThisJar() throws Exception {
        Path jar = Files.writeString(dir.resolve("k.jar"), "jar");
        Path cache = dir.resolve("k.aot");
        assertThat(aotOptions(jar, cache)).as("no cache").isEmpty();
        Files.writeString(cache, "cache");
        Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(1_000_000));
        Files.setLastModifiedTime(cache, java.nio.file.attribute.FileTime.fromMillis(2_000_000));
        assertThat(aotOptions(jar, cache)).containsExactly("-XX:AOTCache=" + cache, "-Xlog:aot=off", "-Xlog:cds=off");
        Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(3_000_000));
        assertThat(aotOptions(jar, cache)).as("a jar rebuilt after the cache").isEmpty();
    }

    /** A cache the JVM cannot use (another JDK, a damaged file) must cost nothing but the speed-up. */
    @Test
    void anUnusableCacheIsIgnoredSilently() throws Exception {
        Path cache = Files.write(dir.resolve("bad.aot"), new byte[4096]);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-XX:AOTCache=" + cache, "-Xlog:aot=off", "-Xlog:cds=off", "-version")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).doesNotContainIgnoringCase("aot").doesNotContainIgnoringCase("error");
    }
}
