package io.keepalived4j.os;

/** Child-JVM main for {@link CapabilitiesTest}: reports this process's view of its capabilities. */
public final class CapabilitiesProbe {

    private CapabilitiesProbe() {}

    public static void main(String[] args) {
        Capabilities caps = Capabilities.current();
        System.out.println("NET_RAW=" + caps.hasNetRaw() + " NET_ADMIN=" + caps.hasNetAdmin());
        try {
            caps.requireVrrpPrivileges();
            System.out.println("ALLOWED");
        } catch (Capabilities.MissingPrivilegesException e) {
            System.out.println("REFUSED: " + e.getMessage());
        }
    }
}
