package io.keepalived4j.config.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** {@link HostEnvironment} of this machine: /sys/class/net, the file system, /etc/passwd. */
final class SystemHost implements HostEnvironment {

    private static final List<String> PATH = List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin");

    @Override
    public boolean interfaceExists(String name) {
        return !name.isEmpty() && !name.contains("/") && !name.equals(".") && !name.equals("..")
                && Files.exists(Path.of("/sys/class/net", name));
    }

    @Override
    public Optional<FileFacts> file(String path) {
        try {
            Path p = Path.of(path);
            if (!Files.exists(p)) {
                return Optional.empty();
            }
            Path real = p.toRealPath();
            int uid = (Integer) Files.getAttribute(real, "unix:uid");
            int mode = (Integer) Files.getAttribute(real, "unix:mode") & 07777;
            boolean exec = Files.isRegularFile(real) && (mode & 0111) != 0;
            return Optional.of(new FileFacts(real.toString(), uid, mode, exec, unsafeDirectory(real)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** keepalived refuses a script if a directory above it is writable by anyone but root. */
    private static String unsafeDirectory(Path real) throws IOException {
        for (Path d = real.getParent(); d != null; d = d.getParent()) {
            int uid = (Integer) Files.getAttribute(d, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) Files.getAttribute(d, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            if (uid != 0 || (mode & 0022) != 0) {
                return d.toString();
            }
        }
        return "";
    }

    @Override
    public boolean userExists(String name) {
        try {
            return Files.readAllLines(Path.of("/etc/passwd")).stream().anyMatch(l -> l.startsWith(name + ":"));
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public Optional<String> which(String command) {
        for (String dir : PATH) {
            Path p = Path.of(dir, command);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p.toString());
            }
        }
        return Optional.empty();
    }
}
