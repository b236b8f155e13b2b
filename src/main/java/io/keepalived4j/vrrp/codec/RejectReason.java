package io.keepalived4j.vrrp.codec;

/**
 * Why an advertisement was not accepted, in the order keepalived 2.2.7 checks
 * (vrrp.c {@code vrrp_check_packet()}, vrrp-wire.md section 5), with its log wording.
 * {@link #drops()} tells the reasons keepalived ignores quietly (DROP) from the invalid ones (KO).
 */
public enum RejectReason {
    TRUNCATED("packet too short"),
    NOT_VRRP("not a VRRP packet"),
    UNKNOWN_VRID("Unknown VRID received"),
    AH_NOT_CONFIGURED("Received AH header but auth type not AH"),
    LENGTH_MISMATCH("vrrp packet too short/long"),
    BAD_TTL("invalid TTL/HL. Received %s and expect 255"),
    VERSION_MISMATCH("wrong version. Received %s and expect %s"),
    AUTH_TYPE_MISMATCH("received a %s auth, expecting %s!"),
    PASSWORD_MISMATCH("received an invalid passwd!"),
    AH_UNSUPPORTED("IPSEC-AH authentication is not supported"),
    ADVERT_INTERVAL_MISMATCH("advertisement interval mismatch mine=%s sec rcv'd=%s sec"),
    BAD_TYPE("Invalid packet type"),
    BAD_CHECKSUM("Invalid VRRPv%s checksum"),
    /**
     * A VRRPv3 advert with Max Adver Int 0 (RFC 5798 5.2.7 allows 1..4095): a backup adopting it
     * would have a master-down time of zero and flap at the rate packets arrive.
     */
    ADVERT_INTERVAL_ZERO("advertisement interval 0 is invalid"),
    ADDRESS_COUNT_MISMATCH("received an invalid ip number count associated with VRID!"),
    ADDRESS_LIST_MISMATCH("ip address associated with VRID not present in MASTER advert"),
    /** vrrp_check_unicast_src: a unicast advert from an address that is not one of our peers. */
    UNICAST_SOURCE_NOT_PEER("unicast advert from %s, not a configured unicast_peer");

    private final String logText;

    RejectReason(String logText) {
        this.logText = logText;
    }

    /** keepalived's log line, with %s placeholders for the values the caller knows. */
    public String logText() {
        return logText;
    }

    /**
     * keepalived's line with the placeholders filled from {@code values}, its words in order ("?"
     * for a missing one); values beyond the placeholders are appended in parentheses.
     */
    public String format(String values) {
        int holes = logText.split("%s", -1).length - 1;
        String[] words = values.isEmpty() ? new String[0] : values.split("\\s+");
        Object[] args = new Object[holes];
        for (int i = 0; i < holes; i++) {
            args[i] = i < words.length ? words[i] : "?";
        }
        String line = logText.formatted(args);
        return holes == 0 && !values.isEmpty() ? line + " (" + values + ")" : line;
    }

    /** keepalived DROPs these (silently ignored) rather than counting them as invalid (KO). */
    public boolean drops() {
        return this == UNKNOWN_VRID || this == ADVERT_INTERVAL_MISMATCH;
    }
}
