package io.keepalived4j.config;


import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Equality of configuration records with every {@link Position} set aside: a reload compares what
 * an instance or a server is, not on which line of which file it was written (a comment added
 * above must not count as a change). Walks records, lists and maps; anything else by equals.
 */
public final class SameConfiguration {

    private SameConfiguration() {
    }

    public static boolean equal(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (a instanceof Position && b instanceof Position) {
            return true;
        }
        // Lists and maps by content: List.of(x) and List.copyOf(...) of the same items are
        // different classes (List12, ListN) and must compare equal.
        if (a.getClass() != b.getClass() && !(a instanceof List<?> && b instanceof List<?>)
                && !(a instanceof Map<?, ?> && b instanceof Map<?, ?>)) {
            return false;
        }
        if (a instanceof Record) {
            for (RecordComponent c : a.getClass().getRecordComponents()) {
                if (c.getType() == Position.class) {
                    continue;
                }
                if (!equal(value(c, a), value(c, b))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            Iterator<?> i = x.iterator();
            Iterator<?> j = y.iterator();
            while (i.hasNext()) {
                if (!equal(i.next(), j.next())) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (!x.keySet().equals(y.keySet())) {
                return false;
            }
            for (Map.Entry<?, ?> e : x.entrySet()) {
                if (!equal(e.getValue(), y.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(a, b);
    }

    private static Object value(RecordComponent c, Object record) {
        try {
            return c.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + c.getName() + " of " + record.getClass().getSimpleName(), e);
        }
    }
}
