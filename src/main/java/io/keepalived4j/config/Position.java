package io.keepalived4j.config;

/**
 * Where a piece of configuration text came from: file, 1-based line and column.
 * Column 0 means "the whole line" (keepalived itself only ever reports lines).
 */
public record Position(String file, int line, int column) {

    public static final Position NONE = new Position("", 0, 0);

    public static Position of(String file, int line, int column) {
        return new Position(file, line, column);
    }

    public Position atColumn(int newColumn) {
        return new Position(file, line, newColumn);
    }

    @Override
    public String toString() {
        if (line <= 0) {
            return file;
        }
        return column > 0 ? file + ":" + line + ":" + column : file + ":" + line;
    }
}
