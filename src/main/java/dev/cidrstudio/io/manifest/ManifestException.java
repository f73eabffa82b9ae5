package dev.cidrstudio.io.manifest;

import java.util.List;

/** A document that cannot become an object; every problem found is listed. */
public final class ManifestException extends Exception {

    private static final long serialVersionUID = 1L;
    private final transient List<Problem> problems;

    public ManifestException(List<Problem> problems) {
        super(problems.isEmpty() ? "invalid manifest" : problems.get(0).describe());
        this.problems = List.copyOf(problems);
    }

    public ManifestException(Problem problem) {
        this(List.of(problem));
    }

    public List<Problem> problems() {
        return problems;
    }
}
