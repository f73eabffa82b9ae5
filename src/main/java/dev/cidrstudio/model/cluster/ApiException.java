package dev.cidrstudio.model.cluster;

/** An API call that the simulated kube-apiserver refused, with the Status it would return. */
public final class ApiException extends Exception {

    private static final long serialVersionUID = 1L;
    private final transient Status status;

    public ApiException(Status status) {
        super(status.message());
        this.status = status;
    }

    public Status status() {
        return status;
    }
}
