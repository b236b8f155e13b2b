package io.keepalived4j.os;

/**
 * What {@code statx(2)} says of an open file: the checks a daemon running as root makes before it
 * trusts a path somebody else could have replaced (a FIFO that must be a FIFO we own, a tracked
 * file that must be a regular file).
 *
 * @param type        the file type
 * @param uid         owner
 * @param gid         group
 * @param permissions the permission bits (07777)
 * @param size        size in bytes
 */
public record FileStatus(Type type, long uid, long gid, int permissions, long size) {

    /** The S_IFMT types a daemon tells apart. */
    public enum Type {
        REGULAR("regular file"), DIRECTORY("directory"), FIFO("FIFO"), SYMLINK("symbolic link"), SOCKET("socket"),
        CHARACTER_DEVICE("character device"), BLOCK_DEVICE("block device"), UNKNOWN("file of unknown type");

        private final String words;

        Type(String words) {
            this.words = words;
        }

        /** As ls and stat(1) say it: "regular file", "FIFO"... */
        public String words() {
            return words;
        }
    }

    /** From st_mode (S_IFMT bits, sys/stat.h). */
    static Type typeOf(int mode) {
        return switch (mode & 0170000) {
            case 0100000 -> Type.REGULAR;
            case 0040000 -> Type.DIRECTORY;
            case 0010000 -> Type.FIFO;
            case 0120000 -> Type.SYMLINK;
            case 0140000 -> Type.SOCKET;
            case 0020000 -> Type.CHARACTER_DEVICE;
            case 0060000 -> Type.BLOCK_DEVICE;
            default -> Type.UNKNOWN;
        };
    }

    /** Whether users other than the owner may write it (group or other write bit). */
    public boolean writableByOthers() {
        return (permissions & 0022) != 0;
    }
}
