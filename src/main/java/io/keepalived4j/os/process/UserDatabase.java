package io.keepalived4j.os.process;

import io.keepalived4j.os.Libc;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.OptionalInt;

import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * getpwnam(3)/getgrnam(3), so user and group names resolve through NSS as keepalived's do
 * (LDAP or sssd users, not only /etc/passwd). Both return static buffers: calls are serialised.
 */
final class UserDatabase {

    // glibc LP64 layouts: struct passwd {char *pw_name, *pw_passwd; uid_t pw_uid; gid_t pw_gid; ...},
    // struct group {char *gr_name, *gr_passwd; gid_t gr_gid; ...}.
    private static final long PW_UID = 16;
    private static final long PW_GID = 20;
    private static final long GR_GID = 16;

    private UserDatabase() {
    }

    /** A user's uid and primary gid. */
    record Ids(long uid, long gid) {
    }

    /** uid and primary gid of a user; empty if unknown. */
    static synchronized java.util.Optional<Ids> user(String name) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment pw = (MemorySegment) Libc.GETPWNAM.invokeExact(a.allocateFrom(name));
            if (pw.address() == 0) {
                return java.util.Optional.empty();
            }
            MemorySegment s = pw.reinterpret(32);
            return java.util.Optional.of(new Ids(Integer.toUnsignedLong(s.get(JAVA_INT, PW_UID)),
                    Integer.toUnsignedLong(s.get(JAVA_INT, PW_GID))));
        } catch (Throwable t) {
            throw new IllegalStateException("getpwnam", t);
        }
    }

    static synchronized OptionalInt group(String name) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment gr = (MemorySegment) Libc.GETGRNAM.invokeExact(a.allocateFrom(name));
            if (gr.address() == 0) {
                return OptionalInt.empty();
            }
            return OptionalInt.of(gr.reinterpret(24).get(JAVA_INT, GR_GID));
        } catch (Throwable t) {
            throw new IllegalStateException("getgrnam", t);
        }
    }
}
