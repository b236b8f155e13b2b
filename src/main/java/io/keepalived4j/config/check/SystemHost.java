package io.keepalived4j.config.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

/** {@link HostEnvironment} of this machine: /sys/class/net, the file system, /etc/passwd. */
final class SystemHost implements HostEnvironment {

    /** The daemon runs what this finds: the same search path (os.process.ScriptPath). */
    private static final List<String> PATH = io.keepalived4j.os.process.ScriptPath.SEARCH_PATH;

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
            int gid = (Integer) Files.getAttribute(real, "unix:gid");
            int mode = (Integer) Files.getAttribute(real, "unix:mode") & 07777;
            boolean exec = Files.isRegularFile(real) && (mode & 0111) != 0;
            return Optional.of(new FileFacts(real.toString(), uid, mode, exec, unsafeDirectory(real), gid));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * keepalived's check_security() (lib/notify.c) on the directories above a script: each must be
     * owned by root, and unless it has the sticky bit (as /tmp has) writable neither by a non-root
     * group nor by others.
     */
    private static String unsafeDirectory(Path real) throws IOException {
        for (Path d = real.getParent(); d != null; d = d.getParent()) {
            int uid = (Integer) Files.getAttribute(d, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            int gid = (Integer) Files.getAttribute(d, "unix:gid", LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) Files.getAttribute(d, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            boolean sticky = (mode & 01000) != 0;
            if (uid != 0 || (!sticky && ((gid != 0 && (mode & 0020) != 0) || (mode & 0002) != 0))) {
                return d.toString();
            }
        }
        return "";
    }

    @Override
    public boolean userExists(String name) {
        return user(name).isPresent();
    }

    @Override
    public Optional<UserIds> user(String name) {
        // name:password:uid:gid:...
        return entry(Path.of("/etc/passwd"), name).filter(f -> f.length > 3)
                .flatMap(f -> number(f[2]).stream().boxed().findFirst().flatMap(uid -> number(f[3]).stream().boxed()
                        .findFirst().map(gid -> new UserIds(uid, gid))));
    }

    @Override
    public OptionalInt group(String name) {
        // name:password:gid:members
        return entry(Path.of("/etc/group"), name).filter(f -> f.length > 2).map(f -> number(f[2])).orElse(OptionalInt.empty());
    }

    private static Optional<String[]> entry(Path file, String name) {
        if (name.isEmpty() || name.contains(":")) {
            return Optional.empty();
        }
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(l -> l.startsWith(name + ":")).findFirst().map(l -> l.split(":", -1));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static OptionalInt number(String s) {
        try {
            return OptionalInt.of(Integer.parseInt(s.strip()));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** ARPHRD_LOOPBACK (772) in /sys/class/net/NAME/type. */
    @Override
    public boolean isLoopback(String name) {
        return interfaceExists(name) && sysfs(name, "type").equals("772");
    }

    /** IFF_MULTICAST (0x1000) in /sys/class/net/NAME/flags. */
    @Override
    public boolean supportsMulticast(String name) {
        String flags = sysfs(name, "flags");
        try {
            return (Integer.decode(flags) & 0x1000) != 0;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    /** A macvlan has its lower device linked in sysfs (lower_eth0), as a VLAN does; a plain device has none. */
    @Override
    public boolean isMacvlan(String name) {
        if (!interfaceExists(name)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(Path.of("/sys/class/net", name))) {
            return entries.anyMatch(p -> p.getFileName().toString().startsWith("lower_"));
        } catch (IOException e) {
            return false;
        }
    }

    private String sysfs(String name, String attribute) {
        if (!interfaceExists(name)) {
            return "";
        }
        try {
            return Files.readString(Path.of("/sys/class/net", name, attribute)).strip();
        } catch (IOException e) {
            return "";
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

    @Override
    public boolean resolves(String name) {
        try {
            return java.net.InetAddress.getAllByName(name).length > 0;
        } catch (java.net.UnknownHostException | SecurityException e) {
            return false;
        }
    }

    /** The CPUs listed in /sys/devices/system/cpu/online ("0-3,6"), as sysconf() counts them. */
    @Override
    public int onlineCpus() {
        try {
            int count = 0;
            for (String range : Files.readString(Path.of("/sys/devices/system/cpu/online")).strip().split(",")) {
                String[] ends = range.split("-");
                count += ends.length == 2 ? Integer.parseInt(ends[1]) - Integer.parseInt(ends[0]) + 1 : 1;
            }
            return count;
        } catch (IOException | RuntimeException e) {
            return Runtime.getRuntime().availableProcessors();
        }
    }

    @Override
    public PathKind pathKind(String path) {
        try {
            Path p = Path.of(path);
            return Files.isDirectory(p) ? PathKind.DIRECTORY : Files.exists(p) ? PathKind.OTHER : PathKind.MISSING;
        } catch (RuntimeException e) {
            return PathKind.MISSING;
        }
    }

    @Override
    public boolean networkNamespaceExists(String name) {
        return !name.isEmpty() && !name.contains("/") && Files.exists(Path.of("/var/run/netns", name));
    }
}
