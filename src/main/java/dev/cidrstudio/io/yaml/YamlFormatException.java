package dev.cidrstudio.io.yaml;

/** A file that is not readable YAML or JSON, with where the reader gave up. */
public final class YamlFormatException extends Exception {

    private static final long serialVersionUID = 1L;
    private final String source;
    private final Mark mark;
    private final String problem;
    private final long offset;

    public YamlFormatException(String source, Mark mark, String problem) {
        this(source, mark, problem, -1);
    }

    /** A JSON syntax error also carries Go's byte offset ({@code json.SyntaxError.Offset}). */
    public YamlFormatException(String source, Mark mark, String problem, long offset) {
        super(source + ":" + mark + ": " + problem);
        this.source = source;
        this.mark = mark;
        this.problem = problem;
        this.offset = offset;
    }

    /** The bytes read before the error, for a JSON syntax error; -1 otherwise. */
    public long offset() {
        return offset;
    }

    public String source() {
        return source;
    }

    public Mark mark() {
        return mark;
    }

    public String problem() {
        return problem;
    }
}
