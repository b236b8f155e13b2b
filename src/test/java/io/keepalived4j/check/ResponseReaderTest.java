package io.keepalived4j.check;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** check_http.c http_process_response on literal reads: buffer sizes, digest bounds, trace calls. */
class ResponseReaderTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String md5(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b(s)));
    }

    /** Records the trace calls. */
    private static final class Recorder implements ResponseTrace {
        final List<String> calls = new ArrayList<>();

        @Override
        public void headerRead() {
            calls.add("headerRead");
        }

        @Override
        public void header(byte[] buf, int length) {
            calls.add("header " + new String(buf, 0, length, StandardCharsets.ISO_8859_1).replace("\r\n", "|"));
        }

        @Override
        public void body(byte[] buf, int offset, int length, boolean firstRead) {
            calls.add((firstRead ? "first " : "body ") + new String(buf, offset, length, StandardCharsets.ISO_8859_1));
        }

        @Override
        public void digest(byte[] md5) {
            calls.add("digest " + HexFormat.of().formatHex(md5));
        }
    }

    private static void feed(ResponseReader r, String... reads) {
        for (String read : reads) {
            byte[] bytes = b(read);
            assertThat(bytes.length).isLessThanOrEqualTo(r.readSize());
            r.accept(bytes, 0, bytes.length);
        }
    }

    @Test
    void headerSplitOverReadsThenBodyReadsGoIntoTheDigest() throws Exception {
        Recorder trace = new Recorder();
        ResponseReader r = ResponseReader.create(true, Optional.empty(), trace);
        feed(r, "HTTP/1.0 200 OK\r\nContent-", "Length: 10\r\n\r", "\nhello", " world");
        Optional<byte[]> digest = r.finish(true);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentLength()).isEqualTo(10);
        assertThat(r.received()).isEqualTo(11);
        assertThat(HexFormat.of().formatHex(digest.orElseThrow())).isEqualTo(md5("hello worl"));
        assertThat(trace.calls).containsExactly("headerRead", "headerRead", "headerRead",
                "header HTTP/1.0 200 OK|Content-Length: 10||", "first hello", "body  worl", "digest " + md5("hello worl"));
    }

    @Test
    void bodyReadsWithoutTheHtmlDelimiterWhenTheHeaderCameAlone() {
        Recorder trace = new Recorder();
        ResponseReader r = ResponseReader.create(true, Optional.empty(), trace);
        feed(r, "HTTP/1.0 200 OK\r\n\r\n", "abc");
        r.finish(false);
        assertThat(trace.calls).containsExactly("headerRead", "header HTTP/1.0 200 OK||", "body abc");
    }

    @Test
    void nothingIsDigestedBeyondContentLength() throws Exception {
        ResponseReader r = ResponseReader.create(true, Optional.empty(), ResponseTrace.NONE);
        feed(r, "HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\nignored", "ignored too");
        assertThat(HexFormat.of().formatHex(r.finish(true).orElseThrow())).isEqualTo(md5(""));
        assertThat(r.received()).isEqualTo(18);
    }

    @Test
    void readsAreSizedAsKeepalivedsBuffer() {
        ResponseReader r = ResponseReader.create(false, Optional.empty(), ResponseTrace.NONE);
        assertThat(r.readSize()).isEqualTo(4095);
        feed(r, "HTTP/1.0 200 OK\r\n");
        assertThat(r.readSize()).isEqualTo(4095 - 17);
        feed(r, "X".repeat(4095 - 17));
        assertThat(r.readSize()).as("full buffer without a header end: keepalived reads 0 and stops").isZero();
        assertThat(r.headerComplete()).isFalse();
    }

    @Test
    void afterTheHeaderEveryReadMayTakeAWholeBuffer() {
        ResponseReader r = ResponseReader.create(false, Optional.empty(), ResponseTrace.NONE);
        feed(r, "HTTP/1.0 200 OK\r\n\r\nabc");
        assertThat(r.readSize()).isEqualTo(4095);
        assertThat(r.finish(true)).isEmpty();
    }
}
