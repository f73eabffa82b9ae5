package dev.cidrstudio.model.api;

/** A Namespace; only its name and phase matter to the Service network. */
public record Namespace(ObjectMeta meta, String phase) implements KubeObject {

    @Override
    public Kind kind() {
        return Kind.NAMESPACE;
    }

    @Override
    public Namespace withMeta(ObjectMeta m) {
        return new Namespace(m, phase);
    }
}
