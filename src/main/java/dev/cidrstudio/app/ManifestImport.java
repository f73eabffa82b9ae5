package dev.cidrstudio.app;

import dev.cidrstudio.io.manifest.Decoded;
import dev.cidrstudio.io.manifest.ManifestDecoder;
import dev.cidrstudio.io.manifest.ManifestException;
import dev.cidrstudio.io.manifest.PathLocator;
import dev.cidrstudio.io.manifest.Plain;
import dev.cidrstudio.io.manifest.Problem;
import dev.cidrstudio.model.api.Condition;
import dev.cidrstudio.model.api.Event;
import dev.cidrstudio.model.api.IpAddressObject;
import dev.cidrstudio.model.api.KeptObject;
import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.api.KubeObject;
import dev.cidrstudio.model.api.Namespace;
import dev.cidrstudio.model.api.ObjectMeta;
import dev.cidrstudio.model.api.ServiceCidr;
import dev.cidrstudio.model.cluster.ApiException;
import dev.cidrstudio.model.cluster.ApiServer;
import dev.cidrstudio.model.controller.RepairIpController;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * Brings manifests and cluster dumps into a plan through the one entry point. Objects that carry server state (a
 * dump of a live cluster: uid, creationTimestamp, status) are restored as they were, allocations included;
 * plain manifests are created as {@code kubectl apply} would. Conflicts the repair loop reports become findings.
 * An import either succeeds, possibly with findings, or leaves the plan exactly as it was.
 */
public final class ManifestImport {

    /** One input: a file's name (or "STDIN") and its text. */
    public record Source(String name, String text) {
    }

    /** What an import did: objects per kind, and the findings in input order. */
    public record Report(Map<String, Integer> countsByKind, List<Finding> findings) {
        public int total() {
            return countsByKind.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** The import was refused; the plan is unchanged. */
    public static final class ImportException extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient List<Finding> findings;

        public ImportException(List<Finding> findings) {
            super(findings.isEmpty() ? "import failed" : findings.get(0).describe());
            this.findings = List.copyOf(findings);
        }

        public List<Finding> findings() {
            return findings;
        }
    }

    /** Kinds read, kept and written now, whose behaviour later versions simulate. */
    public static final Set<String> KEPT_KINDS = Set.of("Pod", "Node", "ValidatingAdmissionPolicy",
            "ValidatingAdmissionPolicyBinding");

    private ManifestImport() {
    }

    /** Reads every source; all problems of all files are reported together. */
    public static List<Decoded> decode(List<Source> sources) throws ImportException {
        List<Decoded> out = new ArrayList<>();
        List<Finding> errors = new ArrayList<>();
        for (Source s : sources) {
            try {
                out.addAll(ManifestDecoder.decodeAll(s.name(), s.text()));
            } catch (ManifestException e) {
                for (Problem p : e.problems()) {
                    errors.add(problem(p));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ImportException(errors);
        }
        return out;
    }

    /**
     * The decoded objects without their positioned source trees, which an import no longer needs once decoding is
     * done: a large dump then holds its objects in memory once, not twice.
     */
    public static List<Decoded> withoutSourceTrees(List<Decoded> docs) {
        List<Decoded> out = new ArrayList<>(docs.size());
        for (Decoded d : docs) {
            out.add(d instanceof Decoded.Object o ? new Decoded.Object(o.object(), null, o.source(), o.mark()) : d);
        }
        return out;
    }

    static Finding problem(Problem p) {
        String field = p.field() == null || p.field().isEmpty() ? "" : p.field() + ": ";
        String col = p.mark() != null && p.mark().column() > 0 ? " (column " + p.mark().column() + ")" : "";
        return new Finding(Finding.Severity.ERROR, p.source(), p.mark(), field + p.message() + col);
    }

    private static int rank(Decoded d) {
        if (d instanceof Decoded.Object o) {
            return switch (o.object().kind()) {
                case NAMESPACE -> 0;
                case SERVICE_CIDR -> 1;
                case IP_ADDRESS -> 2;
                case SERVICE -> 3;
                case EVENT -> 5;
            };
        }
        return 4;
    }

    private static String identity(KubeObject o) {
        return o.kind().kindName() + " " + (o.kind().namespaced() ? o.namespace() + "/" : "") + o.name();
    }

    private static boolean stored(KubeObject o) {
        return o.meta().uid() != null || o.meta().creationTimestamp() != null
                || (o instanceof ServiceCidr sc && !sc.conditions().isEmpty());
    }

    /**
     * Applies decoded documents to the plan. Cluster documents are not applied here (the plan's settings stay);
     * they are reported as notes.
     */
    /** What an import stopped by the user reports. */
    public static final Finding CANCELLED = new Finding(Finding.Severity.ERROR, null, null,
            "import cancelled; the plan is unchanged");

    public static Report apply(ApiServer api, List<Decoded> docs) throws ImportException {
        return apply(api, docs, () -> false);
    }

    /** As {@link #apply(ApiServer, List)}; {@code cancelled} stops it between objects and undoes what was done. */
    public static Report apply(ApiServer api, List<Decoded> docs, BooleanSupplier cancelled)
            throws ImportException {
        // One transaction: an import that fails in any part leaves the whole simulation as it was.
        return api.transaction(() -> {
            Outcome outcome = applyCollecting(api, docs, cancelled);
            if (!outcome.refusals().isEmpty()) {
                throw new ImportException(outcome.refusals());
            }
            return outcome.report();
        });
    }

    /**
     * What applying documents came to: the report (counts, notes, warnings) and the refusals, each at its file and
     * line. An import with refusals is rolled back; {@code check} prints them.
     */
    record Outcome(Report report, List<Finding> refusals) {
    }

    /**
     * Applies decoded documents to {@code api} and goes on past every refusal, so all of them are known: the one
     * path that {@code import} (inside a transaction it rolls back on a refusal) and {@code check} (on a throwaway
     * cluster) share, so they always agree. Objects of a dump (uid, creationTimestamp or status) are restored as
     * admitted; plain manifests are created or updated as {@code kubectl apply} would.
     */
    static Outcome applyCollecting(ApiServer api, List<Decoded> docs, BooleanSupplier cancelled) {
        List<Finding> findings = new ArrayList<>();
        List<Finding> errors = new ArrayList<>();
        Map<String, Decoded> seen = new HashMap<>();
        List<Decoded> work = new ArrayList<>();
        for (Decoded d : docs) {
            String id;
            if (d instanceof Decoded.Object o) {
                KubeObject obj = defaultNamespace(o.object());
                d = new Decoded.Object(obj, o.raw(), o.source(), o.mark());
                // A nameless object has no identity: the API server refuses it with its own words.
                id = obj.name() == null || obj.name().isEmpty() ? null : identity(obj);
            } else if (d instanceof Decoded.Other other) {
                id = other.name() == null || other.name().isEmpty() ? null
                        : other.apiVersion() + " " + other.kind() + " " + other.namespace() + "/" + other.name();
            } else {
                findings.add(new Finding(Finding.Severity.INFO, d.source(), d.mark(),
                        "Cluster settings document ignored: the plan keeps its own settings"));
                continue;
            }
            Decoded first = id == null ? null : seen.putIfAbsent(id, d);
            if (first != null) {
                errors.add(new Finding(Finding.Severity.ERROR, d.source(), d.mark(), "duplicate object " + id
                        + " (first at " + first.source() + ":" + first.mark().line() + ")"));
                continue;
            }
            work.add(d);
        }
        work.sort(Comparator.comparingInt(ManifestImport::rank));
        boolean dumpHasIpAddresses = work.stream().anyMatch(d -> d instanceof Decoded.Object o
                && o.object() instanceof IpAddressObject);
        return importAll(api, work, dumpHasIpAddresses, findings, errors, cancelled);
    }

    private static Outcome importAll(ApiServer api, List<Decoded> work, boolean dumpHasIpAddresses,
            List<Finding> findings, List<Finding> errors, BooleanSupplier cancelled) {
        Set<String> eventsBefore = new HashSet<>();
        for (Event e : api.<Event>list(Kind.EVENT, null)) {
            eventsBefore.add(e.namespace() + "/" + e.name());
        }
        Map<String, Decoded> where = new HashMap<>();
        Map<String, Integer> counts = new TreeMap<>();
        latest(work).ifPresent(api::advanceClockTo);
        Set<String> refusedNamespaces = ensureNamespaces(api, work, findings, errors);
        // What lives in a namespace that could not be made has been refused with it, once.
        List<Decoded> admissible = refusedNamespaces.isEmpty() ? work : work.stream()
                .filter(d -> !refusedNamespaces.contains(namespaceOf(d))).toList();
        boolean[] flags = new boolean[2];
        api.batch(() -> restoreAll(api, admissible, dumpHasIpAddresses, where, counts, findings, errors, flags,
                cancelled));
        boolean claimed = flags[0];
        boolean restoredAny = flags[1];
        if (claimed) {
            findings.add(new Finding(Finding.Severity.INFO, null, null, "the import holds no IPAddress objects: "
                    + "each Service's cluster IPs were claimed as the allocator would have"));
        }
        if (restoredAny && !errors.contains(CANCELLED)) {
            // A restored cluster runs for a minute, so what its repair loop would report shows up.
            api.advanceClock(RepairIpController.LEAK_GRACE.plusSeconds(1));
        }
        return new Outcome(finish(api, eventsBefore, where, counts, findings), errors);
    }

    private static void restoreAll(ApiServer api, List<Decoded> work, boolean dumpHasIpAddresses,
            Map<String, Decoded> where, Map<String, Integer> counts, List<Finding> findings, List<Finding> errors,
            boolean[] flags, BooleanSupplier cancelled) {
        boolean claimed = false;
        boolean restoredAny = false;
        int done = 0;
        for (Decoded d : work) {
            if ((++done & 255) == 0 && cancelled.getAsBoolean()) {
                errors.clear();
                errors.add(CANCELLED);
                break;
            }
            if (d instanceof Decoded.Other other) {
                if (keepOther(api, other, findings, errors)) {
                    counts.merge(other.kind(), 1, Integer::sum);
                }
                continue;
            }
            KubeObject obj = ((Decoded.Object) d).object();
            if (obj.name() != null) {
                where.put(identity(obj), d);
            }
            try {
                if (stored(obj)) {
                    boolean claim = obj.kind() == Kind.SERVICE && !dumpHasIpAddresses;
                    claimed |= claim;
                    restoredAny = true;
                    api.restoreObject(obj, claim, true);
                } else if (api.find(obj.kind(), obj.namespace(), obj.name()).isPresent()) {
                    api.update(obj);
                } else {
                    api.create(obj);
                }
            } catch (ApiException e) {
                errors.addAll(Refusals.of((Decoded.Object) d, e));
                continue;
            }
            counts.merge(obj.kind().kindName(), 1, Integer::sum);
        }
        flags[0] = claimed;
        flags[1] = restoredAny;
    }

    /**
     * Keeps an object of a kind the model does not simulate, once it passes what kube-apiserver checks of it: a
     * policy's or binding's own rules, every other kind's metadata (and a Node's pod CIDRs), a Pod's host aliases.
     */
    private static boolean keepOther(ApiServer api, Decoded.Other other, List<Finding> findings,
            List<Finding> errors) {
        @SuppressWarnings("unchecked")
        Map<String, Object> content = (Map<String, Object>) Plain.toPlain(other.raw());
        String ns = other.namespace();
        List<Finding> checked = Refusals.ofPolicy(other, content, api.state());
        List<Finding> invalid = new ArrayList<>(checked.stream().filter(f -> f.severity() == Finding.Severity.ERROR)
                .toList());
        for (Problem p : ManifestDecoder.unknownInRelease(other, api.state().settings().kubernetesVersion().text())) {
            invalid.add(new Finding(Finding.Severity.ERROR, p.source(), p.mark(), p.kubeMessage()));
        }
        KeptObject kept = new KeptObject(other.apiVersion(), other.kind(), ns, other.name(), content);
        try {
            api.validateKept(kept, existing(api, kept));
        } catch (ApiException e) {
            invalid.addAll(Refusals.of(other, e));
        }
        if ("Pod".equals(other.kind()) && "v1".equals(other.apiVersion())) {
            HostsPreview.readAndValidate(other, invalid);
        }
        if (!invalid.isEmpty()) {
            errors.addAll(invalid);
            return false;
        }
        findings.addAll(checked);
        api.keep(new KeptObject(other.apiVersion(), other.kind(), ns, other.name(),
                storedAsTheServerWould(api, other, content)));
        if (!KEPT_KINDS.contains(other.kind())) {
            findings.add(new Finding(Finding.Severity.INFO, other.source(), other.mark(), other.kind() + " "
                    + (ns == null ? "" : ns + "/") + other.name() + ": kept, not modelled"));
        }
        return true;
    }

    private static KeptObject existing(ApiServer api, KeptObject o) {
        return api.state().kept().stream().filter(k -> k.key().equals(o.key())).findFirst().orElse(null);
    }

    /** The report of an import: counts, notes, and the warnings the cluster's controllers raised. */
    private static Report finish(ApiServer api, Set<String> eventsBefore, Map<String, Decoded> where,
            Map<String, Integer> counts, List<Finding> findings) {
        List<Event> newEvents = new ArrayList<>();
        for (Event e : api.<Event>list(Kind.EVENT, null)) {
            if (!eventsBefore.contains(e.namespace() + "/" + e.name()) && Event.WARNING.equals(e.type())) {
                newEvents.add(e);
            }
        }
        newEvents.sort(Comparator.comparing(Event::firstTimestamp).thenComparing(Event::name));
        for (Event e : newEvents) {
            var ref = e.involvedObject();
            String id = ref.kind() + " " + (ref.namespace() == null || ref.namespace().isEmpty() ? ""
                    : ref.namespace() + "/") + ref.name();
            Decoded d = where.get(id);
            findings.add(new Finding(Finding.Severity.WARNING, d == null ? null : d.source(),
                    d == null ? null : d.mark(), e.reason() + ": " + e.message()));
        }
        return new Report(counts, findings);
    }

    private static KubeObject defaultNamespace(KubeObject o) {
        if (o.kind().namespaced() && (o.namespace() == null || o.namespace().isEmpty())) {
            return o.withMeta(o.meta().withNamespace("default"));
        }
        return o;
    }

    /**
     * Namespaces the imported objects live in but that neither the plan nor the import holds are created; one the
     * API server refuses (a name that is no DNS label) is a refusal at the first object that lives in it.
     */
    private static String namespaceOf(Decoded d) {
        if (d instanceof Decoded.Object o) {
            return o.object().kind().namespaced() ? o.object().namespace() : null;
        }
        return d instanceof Decoded.Other other ? other.namespace() : null;
    }

    private static Set<String> ensureNamespaces(ApiServer api, List<Decoded> work, List<Finding> findings,
            List<Finding> errors) {
        Set<String> refused = new HashSet<>();
        Map<String, Decoded> needed = new LinkedHashMap<>();
        Set<String> imported = new HashSet<>();
        for (Decoded d : work) {
            if (d instanceof Decoded.Object o) {
                KubeObject obj = o.object();
                if (obj instanceof Namespace) {
                    if (obj.name() != null) {
                        imported.add(obj.name());
                    }
                } else if (obj.kind().namespaced()) {
                    needed.putIfAbsent(obj.namespace(), d);
                }
            } else if (d instanceof Decoded.Other other && other.namespace() != null) {
                needed.putIfAbsent(other.namespace(), d);
            }
        }
        for (Map.Entry<String, Decoded> e : needed.entrySet()) {
            if (!imported.contains(e.getKey()) && api.find(Kind.NAMESPACE, null, e.getKey()).isEmpty()) {
                Decoded d = e.getValue();
                try {
                    api.create(new Namespace(ObjectMeta.named(e.getKey()), null));
                    findings.add(new Finding(Finding.Severity.INFO, d.source(), d.mark(),
                            "namespace \"" + e.getKey() + "\" created: imported objects live in it"));
                } catch (ApiException ex) {
                    var mark = d instanceof Decoded.Object o && o.raw() != null
                            ? PathLocator.find(o.raw(), "metadata.namespace")
                            : d instanceof Decoded.Other other && other.raw() != null
                                    ? PathLocator.find(other.raw(), "metadata.namespace") : d.mark();
                    errors.add(new Finding(Finding.Severity.ERROR, d.source(), mark, ex.status().message()));
                    refused.add(e.getKey());
                }
            }
        }
        return refused;
    }

    /** The latest moment an imported object records: the dump was taken after it. */
    private static java.util.Optional<Instant> latest(List<Decoded> work) {
        Instant max = null;
        for (Decoded d : work) {
            if (!(d instanceof Decoded.Object o)) {
                continue;
            }
            KubeObject obj = o.object();
            List<Instant> times = new ArrayList<>();
            times.add(obj.meta().creationTimestamp());
            times.add(obj.meta().deletionTimestamp());
            if (obj instanceof ServiceCidr sc) {
                for (Condition c : sc.conditions()) {
                    times.add(c.lastTransitionTime());
                }
            }
            if (obj instanceof Event ev) {
                times.add(ev.lastTimestamp());
            }
            for (Instant t : times) {
                if (t != null && (max == null || t.isAfter(max))) {
                    max = t;
                }
            }
        }
        return java.util.Optional.ofNullable(max);
    }

    /**
     * A policy or binding written from a plain manifest is stored as the API server would (defaults, uid, status);
     * one from a dump (it has a uid) is restored as the cluster had it; other kinds are kept as written.
     */
    private static java.util.Map<String, Object> storedAsTheServerWould(ApiServer api, Decoded.Other d,
            java.util.Map<String, Object> content) {
        boolean restored = content.get("metadata") instanceof java.util.Map<?, ?> m && m.get("uid") != null;
        if (!dev.cidrstudio.model.policy.PolicyAdmission.isPolicyKind(d.apiVersion(), d.kind()) || restored) {
            return content;
        }
        java.util.Map<String, Object> existing = api.state().kept().stream().filter(k -> k.kind().equals(d.kind())
                && k.apiVersion().equals(d.apiVersion()) && k.name().equals(d.name())).findFirst()
                .map(KeptObject::content).orElse(null);
        return dev.cidrstudio.model.policy.PolicyStorage.stored(api, content, existing);
    }
}
