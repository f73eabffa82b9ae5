package dev.cidrstudio.model.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The part of {@code metadata} CIDR Studio models. Labels and annotations are kept sorted, as kubectl prints them. */
public record ObjectMeta(
        String name,
        String namespace,
        String uid,
        String resourceVersion,
        Instant creationTimestamp,
        Instant deletionTimestamp,
        Long deletionGracePeriodSeconds,
        Map<String, String> labels,
        Map<String, String> annotations,
        List<String> finalizers,
        String generateName,
        long generation) {

    public ObjectMeta {
        labels = SortedStringMap.copyOf(labels);
        annotations = SortedStringMap.copyOf(annotations);
        finalizers = finalizers == null ? List.of() : List.copyOf(finalizers);
    }

    public static ObjectMeta named(String name) {
        return new ObjectMeta(name, null, null, null, null, null, null, null, null, null, null, 0);
    }

    public static ObjectMeta named(String namespace, String name) {
        return new ObjectMeta(name, namespace, null, null, null, null, null, null, null, null, null, 0);
    }

    public ObjectMeta withNamespace(String ns) {
        return new ObjectMeta(name, ns, uid, resourceVersion, creationTimestamp, deletionTimestamp,
                deletionGracePeriodSeconds, labels, annotations, finalizers, generateName, generation);
    }

    public ObjectMeta withLabels(Map<String, String> l) {
        return new ObjectMeta(name, namespace, uid, resourceVersion, creationTimestamp, deletionTimestamp,
                deletionGracePeriodSeconds, l, annotations, finalizers, generateName, generation);
    }

    public ObjectMeta withAnnotations(Map<String, String> a) {
        return new ObjectMeta(name, namespace, uid, resourceVersion, creationTimestamp, deletionTimestamp,
                deletionGracePeriodSeconds, labels, a, finalizers, generateName, generation);
    }

    public ObjectMeta withFinalizers(List<String> f) {
        return new ObjectMeta(name, namespace, uid, resourceVersion, creationTimestamp, deletionTimestamp,
                deletionGracePeriodSeconds, labels, annotations, f, generateName, generation);
    }

    public ObjectMeta withDeletion(Instant when, Long graceSeconds) {
        return new ObjectMeta(name, namespace, uid, resourceVersion, creationTimestamp, when,
                graceSeconds, labels, annotations, finalizers, generateName, generation);
    }

    /** The server-owned fields a create sets. */
    public ObjectMeta created(String newUid, String rv, Instant now) {
        return new ObjectMeta(name, namespace, newUid, rv, now, null, null, labels, annotations, finalizers,
                generateName, 1);
    }

    public ObjectMeta withResourceVersion(String rv) {
        return new ObjectMeta(name, namespace, uid, rv, creationTimestamp, deletionTimestamp,
                deletionGracePeriodSeconds, labels, annotations, finalizers, generateName, generation);
    }

    public ObjectMeta withGeneration(long g) {
        return new ObjectMeta(name, namespace, uid, resourceVersion, creationTimestamp, deletionTimestamp,
                deletionGracePeriodSeconds, labels, annotations, finalizers, generateName, g);
    }

    /** Copies the server-owned fields of {@code stored} onto this (user-supplied) metadata, as an update does. */
    public ObjectMeta keepingServerFields(ObjectMeta stored) {
        return new ObjectMeta(name, stored.namespace, stored.uid, stored.resourceVersion, stored.creationTimestamp,
                stored.deletionTimestamp, stored.deletionGracePeriodSeconds, labels, annotations,
                finalizers.isEmpty() ? stored.finalizers : finalizers, stored.generateName, stored.generation);
    }

    public boolean beingDeleted() {
        return deletionTimestamp != null;
    }
}
