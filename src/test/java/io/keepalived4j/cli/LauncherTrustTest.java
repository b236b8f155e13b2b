package io.keepalived4j.cli;

import io.keepalived4j.testsupport.Exec;
import io.keepalived4j.testsupport.ExecResult;
import io.keepalived4j.testsupport.Root;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher run as root never builds or runs code from a tree another user can write, and the
 * production install runs a root-owned copy of the jar without the checkout. A copy of the
 * launcher, .ci/ and packaging/ runs a stand-in jar (a class that prints a line), so no build is
 * needed.
 */
class LauncherTrustTest {

    private static final Path REPO = Path.of("").toAbsolutePath();
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    private Path tree;

    @BeforeEach
    void copyTheLauncher() throws Exception {
        Root.assumeRootOrFailOnCi();
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        tree = Files.createDirectory(dir.resolve("checkout"));
        Files.copy(REPO.resolve("keepalived4j"), tree.resolve("keepalived4j"));
        copyDir(REPO.resolve(".ci"), tree.resolve(".ci"));
        copyDir(REPO.resolve("packaging"), tree.resolve("packaging"));
        Files.createDirectories(tree.resolve("src/main/java"));
        Files.writeString(tree.resolve("pom.xml"), "<project/>\n");
        Path jar = Files.createDirectories(tree.resolve("target")).resolve("keepalived4j.jar");
        standInJar(jar);
        // Newer than every source, so the launcher does not try to build.
        FileTime later = FileTime.from(Instant.now().plusSeconds(60));
        Files.setLastModifiedTime(jar, later);
    }

    @Test
    void aRootOwnedTreeRunsTheJar() {
        ExecResult r = Exec.run(List.of(tree.resolve("keepalived4j").toString(), "hello"), WAIT);
        assertThat(r.stderr()).doesNotContain("refusing");
        assertThat(r.stdout()).isEqualTo("stand-in jar ran: hello\n");
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void aFileOthersCanWriteMakesItRefuseBeforeBuildingOrRunning() throws Exception {
        Path source = Files.writeString(tree.resolve("src/main/java/Evil.java"), "class Evil {}\n");
        Files.setLastModifiedTime(source, FileTime.from(Instant.now().minusSeconds(60)));
        Files.setPosixFilePermissions(source, PosixFilePermissions.fromString("rw-rw-rw-"));
        ExecResult r = Exec.run(List.of(tree.resolve("keepalived4j").toString(), "hello"), WAIT);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("refusing to run as root", "Evil.java", "packaging/install.sh");
        assertThat(r.stdout()).isEmpty();
    }

    @Test
    void aDirectoryAboveTheTreeThatOthersCanWriteMakesItRefuse() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        ExecResult r = Exec.run(List.of(tree.resolve("keepalived4j").toString(), "hello"), WAIT);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("refusing to run as root", dir + " (mode 777");
        // Sticky, like /tmp: others cannot replace what root put there.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThat(Exec.run(List.of("chmod", "1777", dir.toString()), WAIT).ok()).isTrue();
        assertThat(Exec.run(List.of(tree.resolve("keepalived4j").toString(), "hello"), WAIT).stdout())
                .isEqualTo("stand-in jar ran: hello\n");
    }

    @Test
    void theInstalledWrapperRunsItsOwnCopyWithoutTheCheckout() throws Exception {
        Path prefix = dir.resolve("prefix");
        ExecResult install = Exec.run(List.of("env", "PREFIX=" + prefix, "UNIT_DIR=" + dir.resolve("units"),
                tree.resolve("packaging/install.sh").toString()), WAIT);
        assertThat(install.stderr()).isEmpty();
        assertThat(install.exitCode()).isZero();
        assertThat(Files.readString(dir.resolve("units/keepalived4j.service")))
                .contains("ExecStart=" + prefix + "/sbin/keepalived4j -n -f /etc/keepalived/keepalived.conf",
                        "Restart=on-failure");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(prefix.resolve("lib/keepalived4j/keepalived4j.jar"))))
                .isEqualTo("rw-r--r--");
        Exec.run(List.of("rm", "-rf", tree.toString()), WAIT);
        ExecResult r = Exec.run(List.of(prefix.resolve("sbin/keepalived4j").toString(), "installed"), WAIT);
        assertThat(r.stdout()).isEqualTo("stand-in jar ran: installed\n");
        assertThat(r.exitCode()).isZero();
    }

    /** A jar whose main class prints "stand-in jar ran: ARGS". */
    private void standInJar(Path jar) throws IOException {
        Path src = Files.createDirectories(dir.resolve("standin"));
        Path java = Files.writeString(src.resolve("StandIn.java"), """
                public class StandIn {
                    public static void main(String[] args) {
                        System.out.println("stand-in jar ran: " + String.join(" ", args));
                    }
                }
                """);
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", src.toString(), java.toString());
        assertThat(rc).isZero();
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "StandIn");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, m)) {
            j.putNextEntry(new JarEntry("StandIn.class"));
            j.write(Files.readAllBytes(src.resolve("StandIn.class")));
            j.closeEntry();
        }
    }

    private static void copyDir(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
