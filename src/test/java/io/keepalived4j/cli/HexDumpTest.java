package io.keepalived4j.cli;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** lib/utils.c dump_buffer, as genhash -v prints it (expected lines captured from keepalived 2.2.7). */
class HexDumpTest {

    @Test
    void fullLinesShowOffsetsBytesAndAscii() {
        byte[] b = "HTTP/1.0 200 OK\r\nContent-Type: t".getBytes(StandardCharsets.US_ASCII);
        assertThat(HexDump.of(b, 0, b.length)).isEqualTo(
                "0000  48 54 54 50 2f 31 2e 30 - 20 32 30 30 20 4f 4b 0d   HTTP/1.0 200 OK.\n"
                        + "0016  0a 43 6f 6e 74 65 6e 74 - 2d 54 79 70 65 3a 20 74   .Content-Type: t\n");
    }

    @Test
    void shortLastLineIsPaddedToFullWidth() {
        byte[] b = "<html>".getBytes(StandardCharsets.US_ASCII);
        assertThat(HexDump.of(b, 0, b.length))
                .isEqualTo("0000  3c 68 74 6d 6c 3e       -                           <html>          \n");
        byte[] l = "<html>hello</html>\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(HexDump.of(l, 16, 3)).isEqualTo("0000  6c 3e 0a                -                           l>.             \n");
    }

    @Test
    void offsetsAreDecimalAndWrapAt65536() {
        byte[] b = new byte[65536 + 16];
        String dump = HexDump.of(b, 0, b.length);
        assertThat(dump).contains("\n9984 ").contains("\n10000 ").contains("\n65520 ").endsWith("\n0000  00 00 00 00 00 00 00 00 - "
                + "00 00 00 00 00 00 00 00   ................\n");
    }

    @Test
    void nothingForNoBytes() {
        assertThat(HexDump.of(new byte[4], 0, 0)).isEmpty();
    }
}
