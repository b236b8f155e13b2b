package io.keepalived4j.check;

import io.keepalived4j.config.model.lvs.PcreRegex;

import java.util.OptionalLong;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;

/**
 * Searches a response body for a url's regex as it streams in, in bounded memory: the body is
 * matched as one subject ({@code ^} only at its start, look-behind sees what came before), but a
 * match must fit in the last {@value #KEEP} characters kept plus the read that completes it, as
 * keepalived 2.2.7 keeps at most its 4095-byte buffer of a partial match (check_http.c
 * {@code check_regex}). regex_min_offset / regex_max_offset bound where the match may start,
 * counted in body bytes.
 *
 * <p>Java has no partial matching; {@link Matcher#hitEnd()} and {@link Matcher#requireEnd()} say
 * when more input could still change the answer, and the search is then repeated after the next
 * read. The search checks a deadline as it reads characters, so a pathological pattern cannot
 * outlive the attempt; a pattern that overflows the stack counts as failed.
 */
final class RegexWindow {

    /** Characters kept between reads. */
    static final int KEEP = 4096;

    private static final int CAPACITY = KEEP + ResponseReader.BUFFER + 8;

    /** What the body turned out to hold. */
    enum Outcome { UNDECIDED, MATCHED, NOT_MATCHED, FAILED }

    /** The search ran past the attempt's deadline. */
    static final class TimedOut extends RuntimeException {
        TimedOut() {
            super("regex search passed the deadline", null, false, false);
        }
    }

    private final PcreRegex regex;
    private final OptionalLong minOffset;
    private final OptionalLong maxOffset;
    private final LongSupplier nanoClock;
    private final long deadline;
    private final char[] chars = new char[CAPACITY];
    private final long[] offsets = new long[CAPACITY];
    private final View view = new View();
    private int length;
    private boolean atBodyStart = true;
    private long nextOffset;
    private Outcome outcome = Outcome.UNDECIDED;
    // UTF-8 decoding across reads
    private int codePoint;
    private int needed;
    private int low;
    private int high;
    private long sequenceStart;

    /**
     * @param deadline a {@code nanoClock} value after which the search throws {@link TimedOut}
     */
    RegexWindow(PcreRegex regex, OptionalLong minOffset, OptionalLong maxOffset, LongSupplier nanoClock, long deadline) {
        this.regex = regex;
        this.minOffset = minOffset;
        this.maxOffset = maxOffset;
        this.nanoClock = nanoClock;
        this.deadline = deadline;
    }

    /** The next body bytes. @throws TimedOut past the deadline */
    void feed(byte[] buf, int offset, int count) {
        for (int done = 0; done < count && outcome == Outcome.UNDECIDED; ) {
            int n = Math.min(count - done, ResponseReader.BUFFER);
            for (int i = 0; i < n; i++) {
                decode(buf[offset + done + i] & 0xff);
                nextOffset++;
            }
            done += n;
            search(false);
            if (length > KEEP) {
                System.arraycopy(chars, length - KEEP, chars, 0, KEEP);
                System.arraycopy(offsets, length - KEEP, offsets, 0, KEEP);
                length = KEEP;
                atBodyStart = false;
            }
        }
    }

    /** The body ended. @throws TimedOut past the deadline */
    void finish() {
        if (needed > 0) {
            emit(0xFFFD, sequenceStart);
            needed = 0;
        }
        if (outcome == Outcome.UNDECIDED) {
            search(true);
        }
        if (outcome == Outcome.UNDECIDED) {
            outcome = Outcome.NOT_MATCHED;
        }
    }

    Outcome outcome() {
        return outcome;
    }

    private void search(boolean last) {
        // Index 0 of a trimmed window is only context: ^ must not take it for the body's start.
        int from = atBodyStart ? 0 : 1;
        if (minOffset.isPresent()) {
            while (from < length && offsets[from] < minOffset.getAsLong()) {
                from++;
            }
        }
        if (from > length) {
            from = length;
        }
        if (maxOffset.isPresent() && offsetAt(from) > maxOffset.getAsLong()) {
            outcome = Outcome.NOT_MATCHED;
            return;
        }
        Matcher m = regex.pattern().matcher(view).region(from, length).useTransparentBounds(true)
                .useAnchoringBounds(false);
        boolean found;
        try {
            found = m.find();
        } catch (StackOverflowError e) {
            outcome = Outcome.FAILED;
            return;
        }
        if (!found) {
            if (last) {
                outcome = Outcome.NOT_MATCHED;
            }
            return;
        }
        boolean inRange = maxOffset.isEmpty() || offsetAt(m.start()) <= maxOffset.getAsLong();
        if (inRange && (last || !m.requireEnd())) {
            outcome = Outcome.MATCHED;
        } else if (!inRange && (last || !m.hitEnd())) {
            // Every earlier start failed without needing more input: none can match later.
            outcome = Outcome.NOT_MATCHED;
        }
    }

    private long offsetAt(int index) {
        return index < length ? offsets[index] : nextOffset;
    }

    private void decode(int b) {
        if (!regex.utf()) {
            put((char) b, nextOffset);
            return;
        }
        if (needed > 0) {
            if (b >= low && b <= high) {
                codePoint = (codePoint << 6) | (b & 0x3f);
                low = 0x80;
                high = 0xbf;
                if (--needed == 0) {
                    emit(codePoint, sequenceStart);
                }
                return;
            }
            emit(0xFFFD, sequenceStart);
            needed = 0;
        }
        if (b < 0x80) {
            put((char) b, nextOffset);
        } else if (b >= 0xc2 && b <= 0xdf) {
            start(b & 0x1f, 1, 0x80, 0xbf);
        } else if (b == 0xe0) {
            start(b & 0x0f, 2, 0xa0, 0xbf);
        } else if (b == 0xed) {
            start(b & 0x0f, 2, 0x80, 0x9f);
        } else if (b >= 0xe1 && b <= 0xef) {
            start(b & 0x0f, 2, 0x80, 0xbf);
        } else if (b == 0xf0) {
            start(b & 0x07, 3, 0x90, 0xbf);
        } else if (b >= 0xf1 && b <= 0xf3) {
            start(b & 0x07, 3, 0x80, 0xbf);
        } else if (b == 0xf4) {
            start(b & 0x07, 3, 0x80, 0x8f);
        } else {
            put('\uFFFD', nextOffset);
        }
    }

    private void start(int bits, int more, int lowNext, int highNext) {
        codePoint = bits;
        needed = more;
        low = lowNext;
        high = highNext;
        sequenceStart = nextOffset;
    }

    private void emit(int cp, long offset) {
        if (Character.isBmpCodePoint(cp)) {
            put((char) cp, offset);
        } else {
            put(Character.highSurrogate(cp), offset);
            put(Character.lowSurrogate(cp), offset);
        }
    }

    private void put(char c, long offset) {
        chars[length] = c;
        offsets[length] = offset;
        length++;
    }

    /** The window as the matcher reads it, checking the deadline every 65536 characters read. */
    private final class View implements CharSequence {
        private int reads;

        @Override
        public char charAt(int index) {
            if ((++reads & 0xffff) == 0 && nanoClock.getAsLong() - deadline > 0) {
                throw new TimedOut();
            }
            return chars[index];
        }

        @Override
        public int length() {
            return length;
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new String(chars, start, end - start);
        }

        @Override
        public String toString() {
            return new String(chars, 0, length);
        }
    }
}
