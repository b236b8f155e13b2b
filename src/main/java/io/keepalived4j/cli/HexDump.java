package io.keepalived4j.cli;

/**
 * keepalived 2.2.7's {@code dump_buffer} (lib/utils.c) with no indent: 16 bytes a line, the
 * offset as {@code %.4zu} of {@code i & 0xffff} (decimal, so it wraps at 65536), the bytes as
 * {@code %3.2x}, {@code " -"} after the eighth, then the printable ASCII ({@code .} for the rest);
 * a short last line is padded to full width. Nothing for zero bytes.
 *
 * <pre>
 * 0000  48 54 54 50 2f 31 2e 30 - 20 32 30 30 20 4f 4b 0d   HTTP/1.0 200 OK.
 * </pre>
 */
final class HexDump {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private HexDump() {
    }

    static String of(byte[] buf, int offset, int count) {
        StringBuilder sb = new StringBuilder();
        int padded = count % 16 == 0 ? count : count + 16 - count % 16;
        for (int i = 0; i < padded; i++) {
            if (i % 16 == 0) {
                String n = Integer.toString(i & 0xffff);
                sb.append("0000", n.length() < 4 ? n.length() : 4, 4).append(n).append(' ');
            }
            if (i < count) {
                int b = buf[offset + i] & 0xff;
                sb.append(' ').append(HEX[b >> 4]).append(HEX[b & 0xf]);
            } else {
                sb.append("   ");
            }
            if ((i + 1) % 8 == 0) {
                if ((i + 1) % 16 != 0) {
                    sb.append(" -");
                } else {
                    sb.append("   ");
                    for (int j = i - 15; j <= i; j++) {
                        if (j < count) {
                            int b = buf[offset + j] & 0xff;
                            sb.append(b >= 0x20 && b <= 0x7e ? (char) b : '.');
                        } else {
                            sb.append(' ');
                        }
                    }
                    sb.append('\n');
                }
            }
        }
        return sb.toString();
    }
}
