package dev.cidrstudio.model.cluster;

import dev.cidrstudio.model.api.Event;
import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.api.KubeObject;
import dev.cidrstudio.model.api.ObjectMeta;
import dev.cidrstudio.model.api.ObjectReference;
import java.time.Instant;

/**
 * The controllers' event recorder ({@code client-go/tools/record}): an occurrence that repeats one already recorded
 * counts that Event up (the correlator), else a new Event is stored.
 */
final class EventRecorder {

    private final GenericStore store;

    EventRecorder(GenericStore store) {
        this.store = store;
    }

    void event(KubeObject involved, String type, String reason, String message, String component) {
        event(ObjectReference.to(involved), type, reason, message, component);
    }

    /** An event on any object, a kept one included; a cluster-scoped object's events go to {@code default}. */
    void event(ObjectReference ref, String type, String reason, String message, String component) {
        ClusterState state = store.state();
        Instant now = state.now;
        String ns = ref.namespace() == null || ref.namespace().isEmpty() ? "default" : ref.namespace();
        String identity = ns + "|" + ref + "|" + type + "|" + reason + "|" + message;
        String existing = state.correlatedEvent(identity);
        if (existing != null) {
            var e = state.<Event>get(Kind.EVENT, ns, existing);
            if (e.isPresent()) {
                store.store(e.get().repeated(now));
                return;
            }
        }
        long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano() + state.resourceVersion;
        String name = ref.name() + "." + Long.toHexString(nanos);
        ObjectMeta meta = new ObjectMeta(name, ns, store.nextUid(), null, now, null, null, null, null, null, null, 0);
        store.store(new Event(meta, ref, reason, message, type, component, now, now, 1));
        state.indexEvent(identity, name);
    }
}
