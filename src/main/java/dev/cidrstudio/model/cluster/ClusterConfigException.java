package dev.cidrstudio.model.cluster;

import java.util.List;

/** The cluster settings cannot start a control plane: the apiserver would refuse its flags. */
public final class ClusterConfigException extends Exception {

    private static final long serialVersionUID = 1L;
    private final List<String> errors;

    public ClusterConfigException(List<String> errors) {
        super(String.join("; ", errors));
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return errors;
    }
}
