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
    private static final long MAX_FILE_BYTES = 256L * 1024 * 1024;

    /** A file being read, with the chain of files that included it. */
    record SourceFile(String displayName, String directory, String[] lines, int depth, List<String> chain) {
    }

    private final Limits limits;
    private final Diagnostics diagnostics;
    private int filesRead;

    Includes(Limits limits, Diagnostics diagnostics) {
        this.limits = limits;
        this.diagnostics = diagnostics;
    }

    static boolean isIncludeLine(String trimmed) {
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
        if (Files.isDirectory(root)) {
            diagnostics.error(KaStatus.FILE_NOT_FOUND, pos, "file-not-found",
                    "Configuration file '" + root + "' is a directory", "", "give the path of a file with -f FILE");
            return Optional.empty();
        }
        return read(root, root.toString(), pos, 0, List.of());
    }

    SourceFile openText(String name, String text) {
        return new SourceFile(name, ".", splitLines(text), 0, List.of(name));
    }

    /** The files an include line names, in order; empty (with diagnostics) when none can be read. */
    List<SourceFile> include(String trimmed, SourceFile parent, Position pos) {
        List<Token> words = LineTokenizer.tokenize(trimmed);
        String keyword = words.getFirst().text();
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
        String pattern = words.get(1).text();
        Path base = Path.of(parent.directory());
        List<Path> matches = resolve(base, pattern);
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
            diagnostics.error(KaStatus.FATAL, pos, "too-many-files", "more than " + limits.maxFiles() + " files included",
                    display, "");
            return Optional.empty();
        }
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                diagnostics.error(KaStatus.FATAL, pos, "file-too-large", "file larger than 256 MiB: " + display, "", "");
                return Optional.empty();
            }
            byte[] bytes = Files.readAllBytes(file);
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            Path parent = file.toAbsolutePath().getParent();
            List<String> fullChain = chain.isEmpty() ? List.of(canonical(file)) : chain;
            return Optional.of(new SourceFile(display, parent == null ? "/" : parent.toString(), splitLines(text), depth, fullChain));
        } catch (IOException e) {
            diagnostics.error(KaStatus.FILE_NOT_FOUND, pos, "file-unreadable", "cannot read " + display + ": " + e.getMessage(),
                    "", "check the file's permissions");
            return Optional.empty();
        }
    }

    private static List<Path> resolve(Path base, String pattern) {
        Path p = base.resolve(pattern).normalize();
        if (!hasGlob(pattern)) {
            return Files.isRegularFile(p) ? List.of(p) : List.of();
        }
        // Walk from the longest directory prefix without glob characters.
        Path root = p.getRoot() == null ? base : p.getRoot();
        Path fixed = root;
        int depth = 0;
        for (Path part : p) {
            if (hasGlob(part.toString())) {
                depth = p.getNameCount() - fixed.getNameCount();
                break;
            }
            fixed = fixed.resolve(part);
        }
        if (!Files.isDirectory(fixed)) {
            return List.of();
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + p);
        try (Stream<Path> walk = Files.walk(fixed, Math.max(1, depth))) {
            return walk.filter(Files::isRegularFile).filter(matcher::matches).sorted().toList();
        } catch (IOException | RuntimeException e) {
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
