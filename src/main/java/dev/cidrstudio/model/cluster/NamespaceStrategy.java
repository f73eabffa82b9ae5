package dev.cidrstudio.model.cluster;

import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.api.KubeObject;
import dev.cidrstudio.model.api.Namespace;
import dev.cidrstudio.model.api.ObjectMeta;
import dev.cidrstudio.model.api.Service;
import dev.cidrstudio.model.field.FieldError;
import dev.cidrstudio.model.validation.ObjectMetaValidation;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Namespace registry ({@code pkg/registry/core/namespace/strategy.go}) and what the namespace controller does
 * when one goes ({@code deleteAllContent}).
 */
final class NamespaceStrategy {

    private NamespaceStrategy() {
    }

    /** {@code ValidateNamespace}: its metadata, the name a DNS label. */
    static List<FieldError> validate(Namespace ns) {
        return ObjectMetaValidation.validateObjectMeta(ns.meta().withNamespace(null), false,
                ObjectMetaValidation.VALIDATE_NAMESPACE_NAME);
    }

    /** {@code ValidateNamespaceUpdate}. */
    static List<FieldError> validateUpdate(Namespace ns) {
        return ObjectMetaValidation.validateObjectMetaUpdate(ns.meta());
    }

    /** A new Namespace is Active and carries its {@code kubernetes.io/metadata.name} label. */
    static Namespace prepareForCreate(Namespace ns, ObjectMeta serverMeta) {
        Map<String, String> labels = new TreeMap<>(serverMeta.labels());
        labels.put(Namespace.NAME_LABEL, ns.name());
        return new Namespace(serverMeta.withLabels(labels), "Active");
    }

    /** The phase is the server's: an update keeps it. */
    static Namespace prepareForUpdate(ObjectMeta meta, Namespace old) {
        return new Namespace(meta, old.phase());
    }

    /** Every namespaced object in {@code namespace} goes, a Service giving back its addresses and ports. */
    static void deleteAllContent(ClusterState state, GenericStore store, ServiceRest services, String namespace) {
        for (Kind k : Kind.values()) {
            if (!k.namespaced()) {
                continue;
            }
            for (KubeObject o : state.list(k, namespace)) {
                if (o instanceof Service svc) {
                    services.delete(svc);
                }
                store.remove(o);
            }
        }
    }
}
