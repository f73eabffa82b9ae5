package dev.cidrstudio.model.cluster;

import java.util.List;
import java.util.ServiceLoader;

/**
 * Validating admission, run by the {@link ApiServer} on every write after the object's own validation, as
 * kube-apiserver orders them. The model declares the step; the implementation (ValidatingAdmissionPolicies, which
 * need objects in their manifest form) is found with {@link ServiceLoader} so that every entry point (console,
 * import, GUI, wizard) gets it without wiring.
 */
public interface Admission {

    /** No admission: every write that validates is stored. */
    Admission NONE = new Admission() {
        @Override
        public boolean active(ClusterState state) {
            return false;
        }

        @Override
        public Admitted admit(ClusterState state, Object object, Object oldObject, String operation) {
            return Admitted.CLEAN;
        }
    };

    /** An admitted write: the warnings kubectl would print (without "Warning: ") and the audit annotations. */
    record Admitted(List<String> warnings, java.util.Map<String, String> auditAnnotations) {
        public static final Admitted CLEAN = new Admitted(List.of(), java.util.Map.of());
    }

    /** Whether any write could be refused now (the server only keeps a rollback copy then). */
    boolean active(ClusterState state);

    /**
     * Whether this write could be refused: some policy's rules select its resource and operation. The server
     * keeps a rollback copy of the store only then, so bulk writes no policy selects stay cheap.
     */
    default boolean active(ClusterState state, Object object, String operation) {
        return active(state);
    }

    /**
     * Admits a write: {@code object} and {@code oldObject} are model objects or kept objects (null on CREATE and
     * DELETE respectively); {@code operation} is CREATE, UPDATE or DELETE. A denial is an {@link ApiException}
     * with kube-apiserver's Status.
     */
    Admitted admit(ClusterState state, Object object, Object oldObject, String operation) throws ApiException;

    /** The admission found on the class path, or {@link #NONE}. */
    static Admission standard() {
        return Holder.STANDARD;
    }

    /** Loaded once. */
    final class Holder {
        private static final Admission STANDARD = ServiceLoader.load(Admission.class).findFirst().orElse(NONE);

        private Holder() {
        }
    }
}
