package io.keepalived4j.config.syntax;

import io.keepalived4j.config.Diagnostics;
import io.keepalived4j.config.KaStatus;
import io.keepalived4j.config.Position;

import java.io.IOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Opens configuration files and resolves {@code include} lines: globs and csh braces, relative to
 * the including file's directory, in name order. Include cycles and excessive depth are refused
 * with a diagnostic (keepalived itself recurses on a cycle until it runs out of file handles).
 */
final class Includes {

    private static final Set<String> KEYWORDS = Set.of("include", "includer", "includem", "includew", "includeb", "includea");

    /** A file being read, with the chain of files that included it. */
    record SourceFile(String displayName, String directory, String[] lines, int depth, List<String> chain) {
    }

    private final Limits limits;
    private final Diagnostics diagnostics;
    private int filesRead;
    private long charsRead;
    private long linesRead;

    Includes(Limits limits, Diagnostics diagnostics) {
        this.limits = limits;
        this.diagnostics = diagnostics;
    }

    static boolean isIncludeLine(String trimmed) {
        if (!trimmed.startsWith("include")) {
            return false;
        }
        int sp = 0;
        while (sp < trimmed.length() && !LineTokenizer.isBlank(trimmed.charAt(sp))) {
            sp++;
        }
        return KEYWORDS.contains(trimmed.substring(0, sp));
    }

    Optional<SourceFile> openRoot(Path root) {
        Position pos = Position.of(root.toString(), 0, 0);
        if (!Files.exists(root)) {
            diagnostics.error(KaStatus.FILE_NOT_FOUND, pos, "file-not-found",
                    "Configuration file '" + root + "' does not exist", "", "give the path with -f FILE");
            return Optional.empty();
        }
        if (!Files.isRegularFile(root)) {
            // A directory, FIFO or device (/dev/zero would never end) is refused, as keepalived does.
            diagnostics.error(KaStatus.FILE_NOT_FOUND, pos, "file-not-found",
                    "Configuration file '" + root + "' is not a regular file", "", "give the path of a file with -f FILE");
            return Optional.empty();
        }
        return read(root, root.toString(), pos, 0, List.of());
    }

    /** Text read from elsewhere (stdin, tests): relative includes resolve against the working directory. */
    Optional<SourceFile> openText(String name, String text) {
        Position pos = Position.of(name, 0, 0);
        if (!withinBudget(name, text.length(), pos) || !linesWithinBudget(name, text, pos)) {
            return Optional.empty();
        }
        return Optional.of(new SourceFile(name, Path.of("").toAbsolutePath().toString(), splitLines(text), 0, List.of(name)));
    }

    /** The files an include line names, in order; empty (with diagnostics) when none can be read. */
    List<SourceFile> include(String trimmed, SourceFile parent, Position pos) {
        if (filesRead > limits.maxFiles()) {
            return List.of();   // already reported; do not even look for the files
        }
        // Split on blanks only, as keepalived's check_include() does: "include /etc/{a,b}.conf" keeps its braces.
        List<String> words = words(trimmed);
        String keyword = words.getFirst();
        if (words.size() < 2) {
            diagnostics.error(KaStatus.MISSING_PARAMETER, pos, "include-missing-file", keyword + " needs a file name", trimmed,
                    "write: include /etc/keepalived/conf.d/*.conf");
            return List.of();
        }
        if (parent.depth() + 1 > limits.maxIncludeDepth()) {
            diagnostics.error(KaStatus.FATAL, pos, "include-depth",
                    "includes nested deeper than " + limits.maxIncludeDepth() + " levels", trimmed, "check for an include loop");
            return List.of();
        }
        String pattern = words.get(1);
        List<Path> matches = resolve(Path.of(parent.directory()), pattern);
        if (matches.isEmpty()) {
            // Plain "include" of a missing file is accepted silently by keepalived (back-compatibility).
            boolean strictVariant = !keyword.equals("include");
            if (strictVariant) {
                diagnostics.error(KaStatus.FILE_NOT_FOUND, pos, "include-not-found", "no file matches " + pattern, trimmed, "");
            } else {
                diagnostics.note(pos, "include-not-found", "include matches no file: " + pattern, trimmed,
                        "keepalived ignores this silently; check the path");
            }
            return List.of();
        }
        List<SourceFile> files = new ArrayList<>();
        for (Path p : matches) {
            String canonical = canonical(p);
            if (parent.chain().contains(canonical)) {
                diagnostics.error(KaStatus.FATAL, pos, "include-cycle",
                        "include cycle: " + String.join(" -> ", parent.chain()) + " -> " + canonical, trimmed,
                        "remove the include that leads back to a file already being read");
                continue;
            }
            List<String> chain = new ArrayList<>(parent.chain());
            chain.add(canonical);
            read(p, p.toString(), pos, parent.depth() + 1, chain).ifPresent(files::add);
        }
        return files;
    }

    private Optional<SourceFile> read(Path file, String display, Position pos, int depth, List<String> chain) {
        if (++filesRead > limits.maxFiles()) {
            if (filesRead == limits.maxFiles() + 1) {
                diagnostics.error(KaStatus.FATAL, pos, "too-many-files", "more than " + limits.maxFiles()
                        + " files included; the rest are not read", display, "check for files included many times");
            }
            return Optional.empty();
        }
        try {
            if (!withinBudget(display, Files.size(file), pos)) {
                return Optional.empty();
            }
            byte[] bytes = Files.readAllBytes(file);
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            if (!linesWithinBudget(display, text, pos)) {
                return Optional.empty();
            }
            Path parent = file.toAbsolutePath().getParent();
            List<String> fullChain = chain.isEmpty() ? List.of(canonical(file)) : chain;
            return Optional.of(new SourceFile(display, parent == null ? "/" : parent.toString(), splitLines(text), depth, fullChain));
        } catch (IOException | RuntimeException e) {
            diagnostics.error(KaStatus.FILE_NOT_FOUND, pos, "file-unreadable", "cannot read " + display + ": " + e.getMessage(),
                    "", "check the file's permissions");
            return Optional.empty();
        }
    }

    /** Counts a file's size against {@link Limits#maxTotalChars()} (all files together). */
    private boolean withinBudget(String display, long chars, Position pos) {
        charsRead += chars;
        if (charsRead > limits.maxTotalChars()) {
            charsRead -= chars;     // a smaller file later may still fit
            diagnostics.error(KaStatus.FATAL, pos, "too-much-text", "reading " + display + " would take the configuration past "
                    + limits.maxTotalChars() + " characters; not read", "", "split out or shrink the configuration");
            return false;
        }
        return true;
    }

    /** Counts physical lines against {@link Limits#maxLines()} before the text is split into an array. */
    private boolean linesWithinBudget(String display, String text, Position pos) {
        long lines = 1;
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
            lines++;
        }
        linesRead += lines;
        if (linesRead > limits.maxLines()) {
            linesRead -= lines;
            diagnostics.error(KaStatus.FATAL, pos, "too-many-lines", "reading " + display + " would take the configuration past "
                    + limits.maxLines() + " lines; not read", "", "split out or shrink the configuration");
            return false;
        }
        return true;
    }

    /** Blank-separated words, double quotes grouping (keepalived's alloc_strvec_r()). */
    static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            if (LineTokenizer.isBlank(line.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            if (line.charAt(i) == '"') {
                int close = line.indexOf('"', i + 1);
                int end = close < 0 ? n : close;
                out.add(line.substring(start + 1, end));
                i = close < 0 ? n : close + 1;
                continue;
            }
            while (i < n && !LineTokenizer.isBlank(line.charAt(i)) && line.charAt(i) != '"') {
                i++;
            }
            out.add(line.substring(start, i));
        }
        return out;
    }

    /**
     * The regular files a pattern names, sorted like glob(3). Only the part from the first glob
     * component on is matched (relative to the fixed prefix), so glob characters in the directory
     * above it are taken literally; {@code *} does not match a leading dot, as in the shell.
     */
    private static List<Path> resolve(Path base, String pattern) {
        try {
            Path p = base.resolve(pattern).normalize();
            if (!hasGlob(pattern)) {
                return Files.isRegularFile(p) ? List.of(p) : List.of();
            }
            Path fixed = p.getRoot() == null ? base : p.getRoot();
            int first = -1;
            for (int i = 0; i < p.getNameCount(); i++) {
                if (hasGlob(p.getName(i).toString())) {
                    first = i;
                    break;
                }
                fixed = fixed.resolve(p.getName(i));
            }
            if (first < 0 || !Files.isDirectory(fixed)) {
                return List.of();
            }
            Path globPart = p.subpath(first, p.getNameCount());
            int depth = globPart.getNameCount();
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + globPart);
            boolean dotted = globPart.getFileName().toString().startsWith(".");
            final Path from = fixed;
            try (Stream<Path> walk = Files.walk(from, depth)) {
                return walk.filter(f -> !f.equals(from))
                        .filter(f -> from.relativize(f).getNameCount() == depth)
                        .filter(f -> dotted || !f.getFileName().toString().startsWith("."))
                        .filter(Files::isRegularFile)
                        .filter(f -> matcher.matches(from.relativize(f)))
                        .sorted()
                        .toList();
            }
        } catch (IOException | RuntimeException e) {
            // InvalidPathException (a NUL in the name), PatternSyntaxException ("a{b"), an unreadable
            // directory: all mean "no file matches", which the caller reports.
            return List.of();
        }
    }

    private static boolean hasGlob(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0 || s.indexOf('{') >= 0;
    }

    private static String canonical(Path p) {
        try {
            return p.toRealPath().toString();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize().toString();
        }
    }

    static String[] splitLines(String text) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            if (!l.isEmpty() && l.charAt(l.length() - 1) == '\r') {
                lines[i] = l.substring(0, l.length() - 1);
            }
        }
        return lines;
    }
}
