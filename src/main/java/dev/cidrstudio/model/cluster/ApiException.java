package dev.cidrstudio.model.cluster;



/** An API call that the simulated kube-apiserver refused, with the Status it would return. */
public final class ApiException extends Exception {

    private static final long serialVersionUID = 1L;
    private final transient Status status;
    private final transient java.util.List<String> warnings;

    public ApiException(Status status) {
        this(status, java.util.List.of());
    }

    /** A refusal that also carries warnings (an admission denial with other policies' Warn results). */
    public ApiException(Status status, java.util.List<String> warnings) {
        super(status.message());
        this.status = status;
        this.warnings = java.util.List.copyOf(warnings);
    }

    public java.util.List<String> warnings() {
        return warnings;
    }

    public Status status() {
        return status;
    }
}
