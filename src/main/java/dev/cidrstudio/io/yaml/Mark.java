package dev.cidrstudio.io.yaml;

/** A position in a source file, 1-based as editors and compilers print it. */
public record Mark(int line, int column) {

    public static final Mark NONE = new Mark(0, 0);

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
