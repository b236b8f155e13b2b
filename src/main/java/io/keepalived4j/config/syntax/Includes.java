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

    // The checking variants make a missing file an error (probe 199: includem); "includet" and
    // later inventions are unknown keywords to 2.2.7 and are left to the schema.
    private static final Set<String> KEYWORDS = Set.of("include", "includer", "includem", "includew", "includeb", "includea");

    /**
     * A file being read, with the chain of files that included it.
     *
     * @param cycleRepeat set when the file is read again because an include cycle leads back to it;
     *                    its include lines are then skipped (see {@link #include})
     */
    record SourceFile(String displayName, String directory, String[] lines, int depth, List<String> chain,
                      boolean cycleRepeat) {
        SourceFile(String displayName, String directory, String[] lines, int depth, List<String> chain) {
            this(displayName, directory, lines, depth, chain, false);
        }
    }

    private final Limits limits;
    private final Diagnostics diagnostics;
    private int filesRead;
    /** keepalived's include_check (global_defs) or -e: a missing include file is then an error. */
    private boolean requireFiles;
    private String checkType = "";
    private long charsRead;
    private long linesRead;

    Includes(Limits limits, Diagnostics diagnostics) {
        this.limits = limits;
        this.diagnostics = diagnostics;
    }

    void requireFiles() {
        requireFiles = true;
    }

    /** include_check TYPE: which missing includes are errors (2.2.7 knows match, wildcard_match, brace_match). */
    void requireFiles(String type) {
        checkType = type;
    }

    /**
     * Whether a pattern that matched nothing is an error: always with {@code -e} or a bare
     * include_check, for includem/includea, and for wildcard or brace patterns under
     * includew/includeb or the matching include_check type. Plain include and includer are silent.
     */
    private boolean mustExist(String keyword, String pattern) {
        boolean wildcard = pattern.indexOf('*') >= 0 || pattern.indexOf('?') >= 0 || pattern.indexOf('[') >= 0;
        boolean brace = pattern.indexOf('{') >= 0;
        if (requireFiles || keyword.equals("includem") || keyword.equals("includea")) {
            return true;
        }
        if ((keyword.equals("includew") || checkType.equals("wildcard_match")) && wildcard) {
            return true;
        }
        if ((keyword.equals("includeb") || checkType.equals("brace_match")) && brace) {
            return true;
        }
        return checkType.equals("match");
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
            if (mustExist(keyword, pattern)) {
                // keepalived 2.2.7 records this as its script-security status: -t exits 6.
                diagnostics.error(KaStatus.SECURITY_ERROR, pos, "include-not-found",
                        "Config files missing '" + pattern + "'.", trimmed,
                        "include_check / -e make a missing include an error; check the path");
            } else {
                diagnostics.note(pos, "include-not-found", "Config files missing '" + pattern + "'.", trimmed,
                        "keepalived ignores a missing include; check the path");
            }
            return List.of();
        }
        List<SourceFile> files = new ArrayList<>();
        for (Path p : matches) {
            String canonical = canonical(p);
            if (parent.chain().contains(canonical)) {
                if (parent.cycleRepeat()) {
                    continue;
                }
                // keepalived does not detect cycles: it recurses until it runs out of file handles,
                // logs "open problem (Too many open files) - skipping" and goes on, so what the
                // cycle's files define is defined again at every level. Reading the file once more,
                // without its includes, reproduces that outcome (duplicates reported, exit status
                // unchanged when the cycle holds nothing but includes) without the recursion.
                diagnostics.warning(KaStatus.NONE, pos, "include-cycle",
                        "include cycle: " + String.join(" -> ", parent.chain()) + " -> " + canonical
                                + "; keepalived recurses until it runs out of file handles", trimmed,
                        "remove the include that leads back to a file already being read");
                read(p, p.toString(), pos, parent.depth() + 1, parent.chain())
                        .map(f -> new SourceFile(f.displayName(), f.directory(), f.lines(), f.depth(), f.chain(), true))
                        .ifPresent(files::add);
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
