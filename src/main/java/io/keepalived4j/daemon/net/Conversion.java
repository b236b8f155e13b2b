package io.keepalived4j.daemon.net;

/**
 * The result of turning one configuration line into a kernel request: the request, or a
 * message naming the line, its position and what could not be applied. Converters return this
 * rather than throw, so that one bad line never stops the other addresses from being set.
 *
 * <pre>{@code
 * switch (RouteConversion.toSpec(route, index)) {
 *     case Conversion.Ok<RouteSpec> ok -> rt.addRoute(ok.value());
 *     case Conversion.Failed<RouteSpec> f -> LOG.warn(f.error());
 * }
 * }</pre>
 */
public sealed interface Conversion<T> {

    record Ok<T>(T value) implements Conversion<T> {
    }

    /** @param error e.g. {@code t.conf:12: route '10.0.0.0/8 mtu 1400': unsupported 'mtu' at word 2} */
    record Failed<T>(String error) implements Conversion<T> {
    }

    static <T> Conversion<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Conversion<T> failed(String error) {
        return new Failed<>(error);
    }
}
