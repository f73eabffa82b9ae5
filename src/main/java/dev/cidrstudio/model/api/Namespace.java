package dev.cidrstudio.model.api;

/** A Namespace; only its name and phase matter to the Service network. */
public record Namespace(ObjectMeta meta, String phase) implements KubeObject {

    /** The label every namespace carries with its own name (since Kubernetes 1.21). */
    public static final String NAME_LABEL = "kubernetes.io/metadata.name";

    @Override
    public Kind kind() {
        return Kind.NAMESPACE;
    }

    @Override
    public Namespace withMeta(ObjectMeta m) {
        return new Namespace(m, phase);
    }
}
