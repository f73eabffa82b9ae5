package dev.cidrstudio.model.api;

/** An event's {@code involvedObject}. */
public record ObjectReference(String apiVersion, String kind, String namespace, String name, String uid) {

    public static ObjectReference to(KubeObject o) {
        return new ObjectReference(o.kind().apiVersion(), o.kind().kindName(), o.namespace(), o.name(),
                o.meta().uid());
    }
}
