package io.keepalived4j.check;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** lib/html.c's reading of a response head, quirks included, on literal bytes. */
class ResponseHeadTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void headerEndsAfterTheFirstBlankLine() {
        byte[] r = b("HTTP/1.0 200 OK\r\nA: b\r\n\r\nbody\r\n\r\n");
        assertThat(ResponseHead.headerEnd(r, r.length)).isEqualTo(25);
        assertThat(ResponseHead.headerEnd(r, 24)).isEqualTo(-1);
        assertThat(ResponseHead.headerEnd(b("HTTP/1.0 200 OK\n\n"), 17)).as("bare LF is not enough").isEqualTo(-1);
    }

    static Stream<Arguments> statusLines() {
        return Stream.of(
                arguments("HTTP/1.1 200 OK\r\n\r\n", 200),
                arguments("HTTP/1.0 404 Not Found\r\n\r\n", 404),
                arguments("HTTP/1.1 200\r\n\r\n", 0),          // no reason phrase: no space after the code
                arguments("HTTP/1.1 200 \r\n\r\n", 200),
                arguments("HTTP/1.1  200 OK\r\n\r\n", 0),      // two spaces
                arguments("HTTP/1.1 2000 OK\r\n\r\n", 0),
                arguments("HTTP/1.1 20x OK\r\n\r\n", 0),
                arguments("HTTP/1.1 +20 OK\r\n\r\n", 20),      // strtoul takes a sign
                arguments("HTTP/1.1 -20 OK\r\n\r\n", -20),
                arguments("HTTP/1.1\r\n200 OK\r\n\r\n", 0),    // the status line ends first
                arguments("ICY 200 OK\r\n\r\n", 200),
                arguments("garbage\r\n\r\n", 0));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("statusLines")
    void statusIsTheThreeCharactersAfterTheFirstSpace(String head, int status) {
        byte[] r = b(head);
        assertThat(ResponseHead.statusCode(r, r.length)).isEqualTo(status);
    }

    static Stream<Arguments> contentLengths() {
        return Stream.of(
                arguments("HTTP/1.0 200 OK\r\nContent-Length: 19\r\n\r\n", 19L),
                arguments("HTTP/1.0 200 OK\r\nContent-Length:19\r\n\r\n", 19L),
                arguments("HTTP/1.0 200 OK\r\ncontent-length: 19\r\n\r\n", -1L),   // case-sensitive
                arguments("HTTP/1.0 200 OK\r\nContent-Length: 19 \r\n\r\n", -1L),  // trailing blank
                arguments("HTTP/1.0 200 OK\r\nContent-Length: x\r\n\r\n", -1L),
                arguments("HTTP/1.0 200 OK\r\nContent-Length:\r\n\r\n", 0L),       // no digits, ends at \r
                arguments("HTTP/1.0 200 OK\r\nContent-Length: -5\r\n\r\n", -5L),   // 2^64 - 5, unsigned
                arguments("HTTP/1.0 200 OK\r\nContent-Length: 99999999999999999999999\r\n\r\n", -1L), // ULONG_MAX
                arguments("HTTP/1.0 200 OK\r\n\r\nContent-Length: 3\n", 3L),       // found in the body
                arguments("HTTP/1.0 200 OK\r\nX: \u0000\r\nContent-Length: 3\r\n\r\n", -1L)); // strstr stops at NUL
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("contentLengths")
    void contentLengthIsReadAsStrtoulReadsIt(String head, long length) {
        byte[] r = b(head);
        assertThat(ResponseHead.contentLength(r, r.length)).isEqualTo(length);
    }
}
