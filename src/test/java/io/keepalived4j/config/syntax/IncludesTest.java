package io.keepalived4j.config.syntax;

import io.keepalived4j.config.KaStatus;
import io.keepalived4j.config.Position;
import io.keepalived4j.config.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class IncludesTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, text);
    }

    @Test
    void includedLinesAppearInPlaceWithTheirOwnFileAndLine() throws IOException {
        Path main = write("keepalived.conf", "global_defs {\ninclude inc.conf\n}\nafter\n");
        Path inc = write("inc.conf", "! comment\n  router_id R1\n");
        Preprocessed p = Preprocessed.file(main);
        assertThat(p.texts()).containsExactly("global_defs {", "router_id R1", "}", "after");
        assertThat(p.lines().get(1).position()).isEqualTo(Position.of(inc.toString(), 2, 1));
        assertThat(p.lines().get(2).position()).isEqualTo(Position.of(main.toString(), 3, 1));
    }

    @Test
    void relativeNamesResolveAgainstTheIncludingFilesDirectory() throws IOException {
        Path main = write("keepalived.conf", "include conf.d/a.conf\n");
        write("conf.d/a.conf", "a\ninclude sub/b.conf\n");
        write("conf.d/sub/b.conf", "b\n");
        write("sub/b.conf", "wrong b\n");
        assertThat(Preprocessed.file(main).texts()).containsExactly("a", "b");
    }

    @Test
    void globMatchesAreReadInNameOrder() throws IOException {
        Path main = write("keepalived.conf", "include conf.d/*.conf\n");
        write("conf.d/20-b.conf", "b\n");
        write("conf.d/10-a.conf", "a\n");
        write("conf.d/30-c.conf", "c\n");
        write("conf.d/notes.txt", "not included\n");
        Files.createDirectories(dir.resolve("conf.d/dir.conf"));
        assertThat(Preprocessed.file(main).texts()).containsExactly("a", "b", "c");
    }

    @Test
    void starDoesNotMatchHiddenFilesLikeTheShell() throws IOException {
        Path main = write("keepalived.conf", "include conf.d/*\n");
        write("conf.d/a.conf", "a\n");
        write("conf.d/.a.conf.swp", "editor swap file\n");
        assertThat(Preprocessed.file(main).texts()).containsExactly("a");
    }

    @Test
    void cshBracesQuestionMarksAndClassesAreGlobs() throws IOException {
        write("x/a.conf", "a\n");
        write("x/b.conf", "b\n");
        write("x/c.conf", "c\n");
        write("x/d1.conf", "d1\n");
        assertThat(Preprocessed.file(write("m1.conf", "include x/{a,c}.conf\n")).texts()).containsExactly("a", "c");
        assertThat(Preprocessed.file(write("m2.conf", "include x/d?.conf\n")).texts()).containsExactly("d1");
        assertThat(Preprocessed.file(write("m3.conf", "include x/[ab].conf\n")).texts()).containsExactly("a", "b");
    }

    @Test
    void globInTheMiddleOfThePath() throws IOException {
        write("sites/one/vrrp.conf", "one\n");
        write("sites/two/vrrp.conf", "two\n");
        write("sites/two/other.conf", "other\n");
        assertThat(Preprocessed.file(write("m.conf", "include sites/*/vrrp.conf\n")).texts()).containsExactly("one", "two");
    }

    @Test
    void absolutePathsWork() throws IOException {
        Path inc = write("abs/inc.conf", "abs\n");
        assertThat(Preprocessed.file(write("m.conf", "include " + inc.toAbsolutePath() + "\n")).texts()).containsExactly("abs");
    }

    @Test
    void missingFileOfAPlainIncludeIsOnlyANote() throws IOException {
        Preprocessed p = Preprocessed.file(write("m.conf", "include nowhere.conf\nx\n"));
        assertThat(p.texts()).containsExactly("x");
        assertThat(p.diagnostics().all()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("include-not-found");
            assertThat(d.severity()).isEqualTo(Severity.NOTE);
            assertThat(d.status()).isEqualTo(KaStatus.NONE);
        });
    }

    @Test
    void includeWithoutAFileNameIsReported() throws IOException {
        assertThat(Preprocessed.file(write("m.conf", "include\n")).codes()).containsExactly("include-missing-file");
    }

    @Test
    void includeFollowsAConditionalPrefixAndDefinitions() throws IOException {
        write("inc.conf", "included\n");
        Path main = write("m.conf", "@node1 include inc.conf\n@other include inc.conf\n$INC=include\n$INC inc.conf\n"
                + "$F=inc.conf\ninclude $F\n");
        assertThat(Preprocessed.file(main).texts()).containsExactly("included", "included", "included");
    }

    @Test
    void includeWithPwdIsRelativeToTheFile() throws IOException {
        write("conf.d/x.conf", "x\n");
        Path main = write("m.conf", "include ${_PWD}/conf.d/x.conf\n");
        assertThat(Preprocessed.file(main).texts()).containsExactly("x");
    }

    @Test
    void loopsCanIncludeOneFilePerValue() throws IOException {
        write("node1.conf", "one\n");
        write("node2.conf", "two\n");
        assertThat(Preprocessed.file(write("m.conf", "~SEQ(i, 2) include node${i}.conf\n")).texts()).containsExactly("one", "two");
    }

    @Test
    void definitionsMadeInAnIncludedFileAreVisibleAfterwards() throws IOException {
        write("defs.conf", "$VIP=10.1.1.1\n");
        assertThat(Preprocessed.file(write("m.conf", "include defs.conf\nvip $VIP\n")).texts()).containsExactly("vip 10.1.1.1");
    }

    @Test
    void selfIncludeIsACycle() throws IOException {
        Path main = write("m.conf", "a\ninclude m.conf\nb\n");
        Preprocessed p = Preprocessed.file(main);
        // keepalived recurses until it runs out of file handles, so what the file holds is read again
        // at every level: we read it once more (without its includes) to give the same outcome.
        assertThat(p.texts()).containsExactly("a", "a", "b", "b");
        assertThat(p.codes()).containsExactly("include-cycle");
        assertThat(p.first("include-cycle").position()).isEqualTo(Position.of(main.toString(), 2, 1));
    }

    @Test
    void twoFilesIncludingEachOtherAreACycle() throws IOException {
        Path a = write("a.conf", "in a\ninclude b.conf\n");
        write("b.conf", "in b\ninclude a.conf\n");
        Preprocessed p = Preprocessed.file(a);
        assertThat(p.texts()).containsExactly("in a", "in b", "in a");
        assertThat(p.codes()).containsExactly("include-cycle");
        assertThat(p.first("include-cycle").message()).contains("a.conf").contains("b.conf");
    }

    @Test
    void globThatMatchesTheIncludingFileIsACycleOnlyForThatFile() throws IOException {
        Path main = write("conf.d/00-main.conf", "main\ninclude *.conf\n");
        write("conf.d/10-vrrp.conf", "vrrp\n");
        Preprocessed p = Preprocessed.file(main);
        assertThat(p.texts()).containsExactly("main", "main", "vrrp");
        assertThat(p.codes()).containsExactly("include-cycle");
    }

    @Test
    void sameFileIncludedTwiceSideBySideIsNotACycle() throws IOException {
        write("common.conf", "c\n");
        assertThat(Preprocessed.file(write("m.conf", "include common.conf\ninclude common.conf\n")).texts())
                .containsExactly("c", "c");
    }

    @Test
    void includesNestedBeyondTheDepthLimitAreRefused() throws IOException {
        int levels = Limits.DEFAULT.maxIncludeDepth() + 5;
        for (int i = 0; i < levels; i++) {
            write("f" + i + ".conf", "line" + i + "\ninclude f" + (i + 1) + ".conf\n");
        }
        Preprocessed p = Preprocessed.file(dir.resolve("f0.conf"));
        assertThat(p.codes()).containsExactly("include-depth");
        assertThat(p.lines()).hasSize(Limits.DEFAULT.maxIncludeDepth() + 1);
    }

    @Test
    void exponentialIncludesStopAtTheFileBudget() throws IOException {
        for (int i = 0; i < 30; i++) {
            write("e" + i + ".conf", "include e" + (i + 1) + ".conf\ninclude e" + (i + 1) + ".conf\n");
        }
        write("e30.conf", "leaf\n");
        Preprocessed p = Preprocessed.file(dir.resolve("e0.conf"));
        assertThat(p.codes()).containsExactly("too-many-files");
        assertThat(p.lines()).hasSizeLessThanOrEqualTo(Limits.DEFAULT.maxFiles());
    }

    @Test
    void missingRootFileIsFileNotFound() {
        Preprocessed p = Preprocessed.file(dir.resolve("absent.conf"));
        assertThat(p.codes()).containsExactly("file-not-found");
        assertThat(p.first("file-not-found").status()).isEqualTo(KaStatus.FILE_NOT_FOUND);
    }

    @Test
    void rootThatIsNotARegularFileIsRefused() {
        assertThat(Preprocessed.file(dir).codes()).containsExactly("file-not-found");
        assertThat(Preprocessed.file(Path.of("/dev/zero")).codes()).containsExactly("file-not-found");
    }

    @Test
    void includeOfADeviceIsNotRead() throws IOException {
        Preprocessed p = Preprocessed.file(write("m.conf", "include /dev/zero\nx\n"));
        assertThat(p.texts()).containsExactly("x");
    }

    @Test
    void malformedPatternsMatchNothing() throws IOException {
        Preprocessed p = Preprocessed.file(write("m.conf", "include x{a\ninclude [\ninclude a\u0000b\ninclude \"\"\n"));
        assertThat(p.lines()).isEmpty();
        assertThat(p.codes()).containsOnly("include-not-found");
    }

    @Test
    void quotedFileNameMayContainBlanks() throws IOException {
        write("with blank.conf", "blank\n");
        assertThat(Preprocessed.file(write("m.conf", "include \"with blank.conf\"\n")).texts()).containsExactly("blank");
    }

    @Test
    void textInputResolvesRelativeIncludesFromTheWorkingDirectory() {
        Preprocessed p = Preprocessed.text("include src/test/resources/hostile/include-target.conf\n");
        assertThat(p.texts()).containsExactly("included_from_text");
    }
}
