package dev.cidrstudio.io.yaml;

/** A file that is not readable YAML or JSON, with where the reader gave up. */
public final class YamlFormatException extends Exception {

    private static final long serialVersionUID = 1L;
    private final String source;
    private final Mark mark;
    private final String problem;

    public YamlFormatException(String source, Mark mark, String problem) {
        super(source + ":" + mark + ": " + problem);
        this.source = source;
        this.mark = mark;
        this.problem = problem;
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
