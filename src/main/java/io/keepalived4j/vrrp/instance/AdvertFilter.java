package io.keepalived4j.vrrp.instance;

import io.keepalived4j.config.model.UnicastPeer;
import io.keepalived4j.config.model.VrrpInstance;
import io.keepalived4j.vrrp.codec.AdvertValidator;
import io.keepalived4j.vrrp.codec.DecodeResult;
import io.keepalived4j.vrrp.codec.RejectReason;
import io.keepalived4j.vrrp.codec.VrrpDecoder;
import io.keepalived4j.vrrp.codec.VrrpPacket;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides what a received VRRP message means for one instance: an advert to act on, or a reject
 * reason in keepalived 2.2.7's order (vrrp-wire.md section 5). Never throws, whatever the bytes.
 * Not thread-safe (it remembers the last advert accepted): one instance's filter is used by the
 * thread that runs the protocol.
 */
public final class AdvertFilter {

    /** The outcome for one message. */
    public sealed interface Verdict {
        /** An acceptable advert. */
        record Accept(InetAddress source, int priority, int advertIntervalCentis) implements Verdict {
        }

        /**
         * A rejected message: the reason, the values for its log line (see {@link RejectReason#format}),
         * and the packet when it decoded (for split-brain detection).
         */
        record Reject(RejectReason reason, String values, Optional<VrrpPacket> packet) implements Verdict {
            /** keepalived's wording, without the instance prefix. */
            public String message() {
                return reason.format(values);
            }
        }
    }

    private final AdvertValidator.Expectations expectations;
    private final boolean v3ChecksumAsV2;
    private final Set<InetAddress> unicastPeers;
    private final boolean checkUnicastSource;
    /** The last message accepted and what it was received with: see {@link #check}. */
    private byte[] lastMessage;
    private InetAddress lastSource;
    private InetAddress lastDestination;
    private int lastTtl;
    private Verdict.Accept lastAccept;

    /**
     * @param instance           the configured instance
     * @param template           what our own adverts carry (addresses, auth, interval)
     * @param v3ChecksumAsV2     global v3_checksum_as_v2
     * @param checkUnicastSource global vrrp_check_unicast_src: unicast adverts only from our peers
     */
    public AdvertFilter(VrrpInstance instance, VrrpPacket template, boolean v3ChecksumAsV2, boolean checkUnicastSource) {
        this.expectations = new AdvertValidator.Expectations(instance.virtualRouterId(), instance.version(),
                template.authType(), template.authData(), template.advertIntervalCentis(), template.addresses(),
                !instance.isUnicast());
        this.v3ChecksumAsV2 = v3ChecksumAsV2;
        this.unicastPeers = instance.unicastPeers().stream().map(UnicastPeer::address).collect(Collectors.toUnmodifiableSet());
        this.checkUnicastSource = checkUnicastSource && instance.isUnicast();
    }

    /**
     * The VRRP message (IP header already stripped) with what the socket told about it.
     *
     * <p>A master sends the same bytes every interval until something changes, and the verdict is
     * a function of the message and its source, destination and TTL alone (everything else here is
     * fixed at construction): a message equal to the last one accepted, received alike, gets the
     * same verdict without being decoded and checked again. A backup's every advert but the first
     * costs one byte comparison (issue 12); any other message is judged in full.
     */
    public Verdict check(byte[] message, InetAddress source, InetAddress destination, int ttl) {
        if (lastAccept != null && ttl == lastTtl && Arrays.equals(message, lastMessage) && source.equals(lastSource)
                && Objects.equals(destination, lastDestination)) {
            return lastAccept;
        }
        DecodeResult r = VrrpDecoder.message(message, 0, message.length, source, destination, ttl, v3ChecksumAsV2);
        Verdict v = switch (r) {
            case DecodeResult.Rejected rej -> new Verdict.Reject(rej.reason(), rej.detail(), Optional.empty());
            case DecodeResult.Decoded d -> judge(d, source);
        };
        if (v instanceof Verdict.Accept a) {
            lastMessage = message.clone();
            lastSource = source;
            lastDestination = destination;
            lastTtl = ttl;
            lastAccept = a;
        }
        return v;
    }

    private Verdict judge(DecodeResult.Decoded d, InetAddress source) {
        VrrpPacket p = d.packet();
        Optional<RejectReason> why = AdvertValidator.check(d, expectations);
        if (why.isPresent()) {
            return new Verdict.Reject(why.get(), values(why.get(), p, d.ttl()), Optional.of(p));
        }
        if (checkUnicastSource && !unicastPeers.contains(source)) {
            return new Verdict.Reject(RejectReason.UNICAST_SOURCE_NOT_PEER, source.getHostAddress(), Optional.of(p));
        }
        return new Verdict.Accept(source, p.priority(), p.advertIntervalCentis());
    }

    /** The values keepalived puts in its log line, as words in placeholder order. */
    private String values(RejectReason reason, VrrpPacket p, int ttl) {
        return switch (reason) {
            case BAD_TTL -> String.valueOf(ttl);
            case VERSION_MISMATCH -> p.version() + " " + expectations.version();
            case ADVERT_INTERVAL_MISMATCH -> expectations.advertIntervalCentis() / 100 + " " + p.advertIntervalCentis() / 100;
            case AUTH_TYPE_MISMATCH -> authName(p.authType()) + " " + authName(expectations.authType());
            case BAD_CHECKSUM -> String.valueOf(p.version());
            case UNKNOWN_VRID -> "VRID " + p.vrid();
            default -> "";
        };
    }

    private static String authName(int type) {
        return switch (type) {
            case VrrpPacket.AUTH_NONE -> "NONE";
            case VrrpPacket.AUTH_PASS -> "PASS";
            case VrrpPacket.AUTH_AH -> "AH";
            default -> "unknown(" + type + ")";
        };
    }
}
