package io.keepalived4j.cli;

import io.keepalived4j.check.ResponseTrace;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * genhash -v: the delimiters and hex dumps keepalived 2.2.7 prints while it reads (check_http.c
 * {@code http_process_response}, {@code http_dump_header}, {@code dump_digest}). Each read is
 * dumped on its own, so the offsets start again at 0000 for every read.
 */
final class GenhashTrace implements ResponseTrace {

    private static final String BEGIN = "-----------------------[";
    private static final String END = "]-----------------------\n";
    static final String HEADER_HEX = BEGIN + "    HTTP Header Buffer    " + END;
    static final String HEADER_ASCII = BEGIN + " HTTP Header Ascii Buffer " + END;
    static final String BODY_HEX = BEGIN + "        HTML Buffer        " + END;
    static final String HASH = BEGIN + "    HTML hash resulting    " + END;
    static final String HASH_FINAL = BEGIN + " HTML hash final resulting " + END;

    private final PrintWriter out;

    GenhashTrace(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void headerRead() {
        out.print(HEADER_HEX);
    }

    @Override
    public void header(byte[] buf, int length) {
        out.print(HexDump.of(buf, 0, length));
        out.print(HEADER_ASCII);
        // printf("%.*s\n"): the text stops at a NUL byte.
        int end = 0;
        while (end < length && buf[end] != 0) {
            end++;
        }
        out.print(new String(buf, 0, end, StandardCharsets.ISO_8859_1));
        out.print('\n');
    }

    @Override
    public void body(byte[] buf, int offset, int length, boolean firstRead) {
        if (firstRead) {
            out.print(BODY_HEX);
        }
        out.print(HexDump.of(buf, offset, length));
    }

    @Override
    public void digest(byte[] md5) {
        out.print('\n');
        out.print(HASH);
        out.print(HexDump.of(md5, 0, md5.length));
        out.print(HASH_FINAL);
    }
}
