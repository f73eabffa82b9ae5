package dev.cidrstudio.model.cluster;

import dev.cidrstudio.model.api.IpAddressObject;
import dev.cidrstudio.model.api.KeptObject;
import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.api.KubeObject;
import dev.cidrstudio.model.api.Namespace;
import dev.cidrstudio.model.api.ObjectMeta;
import dev.cidrstudio.model.api.Service;
import dev.cidrstudio.model.api.ServiceCidr;
import dev.cidrstudio.model.field.FieldError;
import dev.cidrstudio.model.net.IpFamily;
import dev.cidrstudio.model.validation.IpAddressValidation;
import dev.cidrstudio.model.validation.ObjectMetaValidation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The simulated kube-apiserver and the controllers behind it: the one way in for every change to the planned
 * cluster. The GUI, the kubectl console, the wizard and the importer all create, update and delete through here,
 * so validation, allocation and controller reactions happen once, in one place.
 *
 * <p>Each write is atomic: when validation, allocation or admission refuses it, or anything fails half-way, the
 * whole simulation is as it was before. {@link #transaction} makes a block of writes atomic the same way, and a dry
 * run ({@link DryRun#ALL}) is a write whose transaction is always rolled back.
 */
public final class ApiServer {

    public static final Duration DEFAULT_CONTROLLER_PERIOD = Duration.ofSeconds(10);
    public static final List<String> SYSTEM_NAMESPACES = List.of("default", "kube-node-lease", "kube-public",
            "kube-system");
    public static final String KUBE_APISERVER = "kube-apiserver";

    /** kube-apiserver's ClusterIP repair loop resyncs everything on this period. */
    public static final Duration REPAIR_PERIOD = Duration.ofMinutes(3);

    /** An audit record of an admitted write that a policy annotated: when, what, and the annotations. */
    public record AuditEntry(Instant time, String operation, String object, Map<String, String> annotations) {
    }

    /** A write's {@code dryRun} option ({@code metav1.DryRunAll}): ALL runs every step and keeps nothing. */
    public enum DryRun {
        NONE, ALL
    }

    private ClusterState state;
    private final Journal journal = new Journal();
    private final GenericStore store = new GenericStore(this);
    private final ServiceRest services = new ServiceRest(this, store);
    private final ControllerContext controllers = new ControllerContext(this, store, new EventRecorder(store));
    private final ControllerManager manager = new ControllerManager(this, services, controllers);
    private final ApiServerInstances instances = new ApiServerInstances(this, manager);
    private Admission admission = Admission.standard();
    private final List<String> warnings = new ArrayList<>();
    private boolean kubernetesDryRun;

    private ApiServer(ClusterState state) {
        this.state = state;
        state.journal = journal;
    }

    /**
     * Starts a control plane from the settings, holding what a fresh kubeadm cluster holds: the system namespaces,
     * the {@code kubernetes} ServiceCIDR, {@code default/kubernetes} and (unless disabled) {@code kube-system/kube-dns}.
     */
    public static ApiServer bootstrap(ClusterSettings settings) throws ClusterConfigException {
        ServiceIpRangeFlag flags = ServiceIpRangeFlag.parse(settings.serviceClusterIPRange(),
                settings.kubernetesVersion());
        if (!flags.valid()) {
            throw new ClusterConfigException(flags.errors());
        }
        ClusterState s = new ClusterState(settings);
        for (ClusterSettings.ApiServerSetting a : settings.effectiveApiServers()) {
            ServiceIpRangeFlag f = ServiceIpRangeFlag.parse(a.serviceClusterIPRange(), settings.kubernetesVersion());
            if (!f.valid()) {
                throw new ClusterConfigException(f.errors().stream().map(e -> a.name() + ": " + e).toList());
            }
            s.addApiServer(new ApiServerInstance(a.name(), f, false));
        }
        flags = s.apiServers.get(0).flags();
        // The repair loop's first full resync comes one period after start; until then it follows changes.
        s.nextRepair = s.now.plus(REPAIR_PERIOD);
        ApiServer api = new ApiServer(s);
        for (String ns : SYSTEM_NAMESPACES) {
            api.store.store(new Namespace(api.store.newMeta(ObjectMeta.named(ns)
                    .withLabels(Map.of(Namespace.NAME_LABEL, ns))), "Active"));
        }
        api.manager.runPeriodicControllers();
        api.manager.runPeriodicControllers();
        api.manager.reconcile();
        if (!ClusterSettings.DNS_NONE.equals(settings.clusterDNS())) {
            String dnsIp = ClusterSettings.DNS_AUTO.equals(settings.clusterDNS())
                    ? flags.primary().network().plus(10).toString() : settings.clusterDNS();
            try {
                api.create(ServiceRest.kubeDnsService(dnsIp));
            } catch (ApiException e) {
                throw new ClusterConfigException(List.of("clusterDNS: " + e.getMessage()));
            }
        }
        return api;
    }

    /** Rebuilds an ApiServer around a saved state (for undo); the state itself is not changed. */
    public static ApiServer fromState(ClusterState state) {
        return new ApiServer(state.copy());
    }

    /**
     * An independent copy of this control plane, with its admission: a what-if that may run on another thread or
     * whose end state is kept. (A what-if on this thread that keeps nothing is cheaper as {@link #whatIf}.)
     */
    public ApiServer fork() {
        ApiServer copy = new ApiServer(state.copy());
        copy.admission = admission;
        return copy;
    }

    /** Resumes a simulation saved with {@link #toSnapshot()}; the objects are stored as they were. */
    public static ApiServer resume(SimulationSnapshot snap) throws ClusterConfigException {
        ClusterState s = new ClusterState(snap.settings());
        s.now = snap.now();
        s.resourceVersion = snap.resourceVersion();
        s.uidCounter = snap.uidCounter();
        s.randomDraws = snap.randomDraws();
        s.nextDefaultControllerSync = snap.nextControllerSync();
        if (snap.nextRepair() != null) {
            s.nextRepair = snap.nextRepair();
        }
        for (SimulationSnapshot.ApiServerSnapshot a : snap.apiServers()) {
            ServiceIpRangeFlag flags = ServiceIpRangeFlag.parse(a.serviceClusterIPRange(),
                    snap.settings().kubernetesVersion());
            if (!flags.valid()) {
                throw new ClusterConfigException(flags.errors());
            }
            s.addApiServer(new ApiServerInstance(a.name(), flags, a.inconsistencyReported()));
        }
        if (s.apiServers.isEmpty()) {
            throw new ClusterConfigException(List.of("the saved state names no kube-apiserver"));
        }
        for (KubeObject o : snap.objects()) {
            s.put(o);
            if (o instanceof Service svc) {
                for (int np : ServiceRest.nodePortsOf(svc.spec())) {
                    if (np >= ClusterState.NODE_PORT_BASE
                            && np < ClusterState.NODE_PORT_BASE + ClusterState.NODE_PORT_SIZE) {
                        s.nodePorts.set(np - ClusterState.NODE_PORT_BASE);
                    }
                }
            }
        }
        return new ApiServer(s);
    }

    public SimulationSnapshot toSnapshot() {
        List<SimulationSnapshot.ApiServerSnapshot> servers = new ArrayList<>();
        for (ApiServerInstance a : state.apiServers) {
            servers.add(new SimulationSnapshot.ApiServerSnapshot(a.name(), a.flags().text(),
                    a.inconsistencyReported()));
        }
        return new SimulationSnapshot(state.settings, state.now, state.resourceVersion, state.uidCounter,
                state.randomDraws, state.nextDefaultControllerSync, servers, new ArrayList<>(state.all()),
                state.nextRepair);
    }

    // ---- the whole simulation: snapshots, transactions, revision ----

    /** The live state; read it, never keep it across writes (a restore replaces it). */
    public ClusterState state() {
        return state;
    }

    /** A copy of the whole simulation: objects, clock, counters, timers, queues, events index, audit log. */
    public ClusterState snapshot() {
        return state.copy();
    }

    /**
     * Puts the whole simulation back as it was in {@code snapshot}. Inside a transaction this is undone with it. A
     * snapshot of another plan gets a new revision of this one.
     */
    public void restore(ClusterState snapshot) {
        ClusterState previous = state;
        ClusterState next = snapshot.copy();
        if (next.revisions != previous.revisions) {
            next.revisions = previous.revisions;
            next.revision = previous.revisions.incrementAndGet();
        }
        next.journal = journal;
        state = next;
        controllers.forgetPrefixes();
        journal.record(() -> state = previous);
    }

    /** The plan's revision: see {@link ClusterState#revision()}. */
    public long revision() {
        return state.revision();
    }

    /** A block of work on the control plane, for {@link #transaction} and {@link #dryRun}. */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T run() throws E;
    }

    /**
     * Runs {@code work} as one transaction: when it throws (an {@link ApiException}, a runtime exception such as a
     * cancellation, an error), the whole simulation is rolled back to where it began and the exception goes on.
     * Nested transactions are savepoints: an inner one that fails rolls back only its own part, and the outer work
     * may catch the exception and go on. Costs as much as the changes it journals, not the size of the plan.
     */
    public <T, E extends Exception> T transaction(Work<T, E> work) throws E {
        Transaction tx = begin();
        try {
            T result = work.run();
            tx.commit();
            return result;
        } finally {
            tx.close();
        }
    }

    /**
     * Runs {@code work} as Kubernetes runs a request with {@code dryRun=All}, then rolls the whole simulation back,
     * whatever happened: every write inside validates, admits and allocates through the allocators' {@code DryRun()}
     * (see {@link #create(KubeObject, DryRun)}). Returns what the work returned. Warnings stay to be taken.
     */
    public <T, E extends Exception> T dryRun(Work<T, E> work) throws E {
        boolean outer = kubernetesDryRun;
        kubernetesDryRun = true;
        try (Transaction tx = begin()) {
            return work.run();
        } finally {
            kubernetesDryRun = outer;
        }
    }

    /**
     * Runs {@code work} for real and then rolls the whole simulation back, whatever happened: a what-if on this
     * control plane (a rehearsal, a check), as cheap as the changes it makes. Unlike {@link #dryRun} the allocators
     * really allocate, so the answers are the ones the real writes would give now.
     */
    public <T, E extends Exception> T whatIf(Work<T, E> work) throws E {
        try (Transaction tx = begin()) {
            return work.run();
        }
    }

    /** Whether the writes now running are a Kubernetes dry run ({@code dryRun=All}). */
    boolean kubernetesDryRun() {
        return kubernetesDryRun;
    }

    /**
     * Opens a transaction by hand (an interactive undo point); it must end with {@link Transaction#commit()} or
     * {@link Transaction#rollback()}, innermost first. Closing one that has not ended rolls it back.
     */
    public Transaction begin() {
        return new Transaction(journal, journal.begin(state), controllers::forgetPrefixes);
    }

    /** Whether a transaction is open. */
    public boolean inTransaction() {
        return journal.depth() > 0;
    }

    // ---- reads ----

    public Instant now() {
        return state.now;
    }

    public ClusterSettings settings() {
        return state.settings;
    }

    /** The apiserver that answers requests: the first one. */
    public ApiServerInstance activeApiServer() {
        return state.apiServers.get(0);
    }

    public List<IpFamily> serviceFamilies() {
        return activeApiServer().flags().families();
    }

    public <T extends KubeObject> T get(Kind kind, String namespace, String name) throws ApiException {
        Optional<T> o = find(kind, namespace, name);
        return o.orElseThrow(() -> new ApiException(Status.notFound(kind, name)));
    }

    public <T extends KubeObject> Optional<T> find(Kind kind, String namespace, String name) {
        if (name == null) {
            return Optional.empty();
        }
        return state.get(kind, namespace, name);
    }

    public <T extends KubeObject> List<T> list(Kind kind, String namespace) {
        return state.list(kind, namespace);
    }

    /** The audit annotations policies added to admitted writes (the latest 1,000), oldest first. */
    public List<AuditEntry> auditLog() {
        return state.auditLog();
    }

    // ---- admission ----

    /** The validating admission every write goes through (the policies found on the class path by default). */
    public void setAdmission(Admission admission) {
        this.admission = admission == null ? Admission.NONE : admission;
    }

    public Admission admission() {
        return admission;
    }

    /** Warnings a write adds before admission runs (kube-apiserver's {@code WarningsOnCreate}/{@code OnUpdate}). */
    void warn(List<String> more) {
        warnings.addAll(more);
    }

    /** The warnings of the writes since the last call (kubectl prints each as "Warning: ..."), then forgets them. */
    public List<String> takeWarnings() {
        List<String> out = List.copyOf(warnings);
        warnings.clear();
        return out;
    }

    /** Validating admission on a write that has been validated and stored; a denial rolls the write back. */
    private void admit(Object object, Object old, String operation) throws ApiException {
        Object target = object != null ? object : old;
        if (target instanceof KubeObject k && k.kind() == Kind.EVENT
                || !admission.active(state, target, operation)) {
            return;
        }
        try {
            record(admission.admit(state, object, old, operation), target, operation);
        } catch (ApiException e) {
            warnings.addAll(e.warnings());
            throw e;
        }
    }

    private void record(Admission.Admitted a, Object target, String operation) {
        warnings.addAll(a.warnings());
        if (!a.auditAnnotations().isEmpty()) {
            String what = target instanceof KubeObject k ? k.kind().kindName() + " " + (k.namespace() == null ? ""
                    : k.namespace() + "/") + k.name() : target instanceof KeptObject k
                    ? k.kind() + " " + (k.namespace() == null ? "" : k.namespace() + "/") + k.name() : "";
            state.appendAudit(new AuditEntry(state.now, operation, what, Map.copyOf(a.auditAnnotations())));
        }
    }

    /**
     * The validation kube-apiserver runs on a create ({@code old} null) or an update of an object of a kind the model
     * only keeps: its metadata as for every kind, and what the model knows of its spec. ValidatingAdmissionPolicies
     * and bindings are validated, metadata included, by their own rules before they get here.
     */
    public void validateKept(KeptObject object, KeptObject old) throws ApiException {
        if (object.apiVersion() != null && object.apiVersion().startsWith("admissionregistration.k8s.io/")
                && object.kind().startsWith("ValidatingAdmissionPolicy")) {
            return;
        }
        List<FieldError> errs = old == null ? KeptStrategy.validate(object) : KeptStrategy.validateUpdate(object, old);
        if (!errs.isEmpty()) {
            int slash = object.apiVersion() == null ? -1 : object.apiVersion().indexOf('/');
            String group = slash < 0 ? "" : object.apiVersion().substring(0, slash);
            throw new ApiException(Status.invalid(object.kind(), group, object.name() == null ? "" : object.name(),
                    errs, settings().kubernetesVersion()));
        }
    }

    /**
     * Validation, then admission, for an object of a kind the model only keeps (a Pod, a Node, ...), before it is kept or replaces
     * {@code old}: warnings, or the denial.
     */
    public List<String> admitKept(KeptObject object, KeptObject old) throws ApiException {
        validateKept(object, old);
        String operation = old == null ? "CREATE" : "UPDATE";
        if (!admission.active(state, object, operation)) {
            return List.of();
        }
        record(admission.admit(state, object, old, operation), object, operation);
        return takeWarnings();
    }

    // ---- writes ----

    /**
     * POST, in the generic store's order ({@code registry.Store.Create}): the kind's hooks (for a Service its
     * allocations), defaulting and validation, then admission, and only then the storage write, which is where a name
     * already taken is found; whatever fails, nothing the write did is kept. Then the controllers react.
     */
    public KubeObject create(KubeObject obj) throws ApiException {
        return transaction(() -> {
            requireNamespace(obj);
            KubeObject prepared = switch (obj.kind()) {
                case NAMESPACE -> {
                    Namespace ns = (Namespace) obj;
                    invalidIf(Kind.NAMESPACE, ns.name(), NamespaceStrategy.validate(ns));
                    yield NamespaceStrategy.prepareForCreate(ns, store.newMeta(ns.meta()));
                }
                case SERVICE -> services.beginCreate((Service) obj);
                case SERVICE_CIDR -> {
                    ServiceCidr sc = (ServiceCidr) obj;
                    invalidIf(Kind.SERVICE_CIDR, sc.name(), ServiceCidrStrategy.validate(sc));
                    yield ServiceCidrStrategy.prepareForCreate(sc).withMeta(store.newMeta(sc.meta()));
                }
                case IP_ADDRESS -> {
                    IpAddressObject ip = (IpAddressObject) obj;
                    invalidIf(Kind.IP_ADDRESS, ip.name(), IpAddressStrategy.validate(ip));
                    yield IpAddressStrategy.prepareForCreate(ip, store.newMeta(ip.meta()));
                }
                case EVENT -> {
                    invalidIf(Kind.EVENT, obj.name(), EventStrategy.validate(obj));
                    yield obj;
                }
            };
            admit(prepared, null, "CREATE");
            if (find(obj.kind(), obj.namespace(), obj.name()).isPresent()) {
                throw new ApiException(Status.alreadyExists(obj.kind(), obj.name()));
            }
            KubeObject created = store.store(prepared);
            manager.reconcile();
            return state.get(created.kind(), created.namespace(), created.name()).orElse(created);
        });
    }

    /**
     * POST with a dryRun option: every step runs and nothing is kept. As in Kubernetes the allocators answer through
     * their {@code DryRun()}: a dynamic cluster IP is the network address of one of the family's prefixes, a NodePort
     * a placeholder from 32769 up, and requested values are checked for range (and NodePorts for use) only.
     */
    public KubeObject create(KubeObject obj, DryRun dryRun) throws ApiException {
        return dryRun == DryRun.ALL ? dryRun(() -> create(obj)) : create(obj);
    }

    /** PUT: the update rules of each kind; server-owned metadata is kept. */
    public KubeObject update(KubeObject obj) throws ApiException {
        return transaction(() -> {
            KubeObject old = get(obj.kind(), obj.namespace(), obj.name());
            ObjectMeta meta = obj.meta().keepingServerFields(old.meta());
            KubeObject updated = switch (obj.kind()) {
                case NAMESPACE -> {
                    Namespace ns = NamespaceStrategy.prepareForUpdate(meta, (Namespace) old);
                    invalidIf(Kind.NAMESPACE, ns.name(), NamespaceStrategy.validateUpdate(ns));
                    yield store.store(ns);
                }
                case SERVICE -> services.update(((Service) obj).withMeta(meta), (Service) old);
                case SERVICE_CIDR -> {
                    ServiceCidr sc = ((ServiceCidr) obj).withMeta(meta);
                    invalidIf(Kind.SERVICE_CIDR, sc.name(), ServiceCidrStrategy.validateUpdate(sc, (ServiceCidr) old));
                    yield store.store(ServiceCidrStrategy.prepareForUpdate(sc, (ServiceCidr) old));
                }
                case IP_ADDRESS -> {
                    IpAddressObject ip = ((IpAddressObject) obj).withMeta(meta);
                    invalidIf(Kind.IP_ADDRESS, ip.name(), IpAddressStrategy.validateUpdate(ip, (IpAddressObject) old));
                    yield store.store(ip);
                }
                case EVENT -> {
                    invalidIf(Kind.EVENT, obj.name(), EventStrategy.validateUpdate(obj.withMeta(meta)));
                    yield store.store(obj.withMeta(meta));
                }
            };
            admit(updated, old, "UPDATE");
            manager.reconcile();
            return state.get(updated.kind(), updated.namespace(), updated.name()).orElse(updated);
        });
    }

    /**
     * PUT to a Service's {@code status} subresource: only {@code status.loadBalancer} changes (the spec in the request
     * is ignored, as kube-apiserver's status strategy does); server-owned metadata is kept.
     */
    public Service updateStatus(Service svc) throws ApiException {
        return transaction(() -> {
            Service old = (Service) get(Kind.SERVICE, svc.namespace(), svc.name());
            ObjectMeta meta = svc.meta().keepingServerFields(old.meta());
            services.updateStatus(svc.withMeta(meta), old);
            manager.reconcile();
            return state.<Service>get(Kind.SERVICE, svc.namespace(), svc.name()).orElseThrow();
        });
    }

    /** PUT with a dryRun option: as {@link #update(KubeObject)} with the allocators' dry run, nothing kept. */
    public KubeObject update(KubeObject obj, DryRun dryRun) throws ApiException {
        return dryRun == DryRun.ALL ? dryRun(() -> update(obj)) : update(obj);
    }

    /**
     * DELETE: objects with finalizers get a deletionTimestamp and stay until their controller lets go; others go at
     * once. Returns the object as the delete left it.
     */
    public KubeObject delete(Kind kind, String namespace, String name) throws ApiException {
        return transaction(() -> {
            KubeObject old = get(kind, namespace, name);
            if (kind == Kind.NAMESPACE && SYSTEM_NAMESPACES.contains(name) && !"kube-node-lease".equals(name)) {
                throw new ApiException(Status.forbidden("namespaces \"" + name + "\" is forbidden: this namespace "
                        + "may not be deleted"));
            }
            admit(null, old, "DELETE");
            KubeObject result = old;
            if (!old.meta().finalizers().isEmpty()) {
                if (!old.meta().beingDeleted()) {
                    result = store.store(old.withMeta(old.meta().withDeletion(state.now, 0L)));
                }
            } else {
                switch (kind) {
                    case SERVICE -> services.delete((Service) old);
                    case NAMESPACE -> NamespaceStrategy.deleteAllContent(state, store, services, name);
                    default -> { }
                }
                store.remove(old);
            }
            manager.reconcile();
            return result;
        });
    }

    /** DELETE with a dryRun option: as {@link #delete(Kind, String, String)}, the same answer, nothing kept. */
    public KubeObject delete(Kind kind, String namespace, String name, DryRun dryRun) throws ApiException {
        return dryRun == DryRun.ALL ? dryRun(() -> delete(kind, namespace, name)) : delete(kind, namespace, name);
    }

    private void invalidIf(Kind kind, String name, List<FieldError> errs) throws ApiException {
        if (!errs.isEmpty()) {
            throw new ApiException(Status.invalid(kind, name == null ? "" : name, errs,
                    settings().kubernetesVersion()));
        }
    }

    private void requireNamespace(KubeObject obj) throws ApiException {
        if (obj.kind().namespaced()) {
            String ns = obj.namespace();
            if (ns == null || state.get(Kind.NAMESPACE, null, ns).isEmpty()) {
                throw new ApiException(Status.notFound("namespaces", ns == null ? "" : ns));
            }
        }
    }

    /**
     * Puts an object into the store as it is, bypassing create-time defaulting and allocation: what a restore from
     * a cluster dump does. Missing server-owned metadata is filled in. For a Service, IPAddress objects are added for
     * its cluster IPs when {@code claimIps} is set and none exist yet, as the allocator would have made them.
     */
    public KubeObject restoreObject(KubeObject obj, boolean claimIps) throws ApiException {
        return restoreObject(obj, claimIps, false);
    }

    /** As {@link #restoreObject(KubeObject, boolean)}; with {@code replace}, an existing object of that name is
     * overwritten (a dump is the truth about the objects it holds). */
    public KubeObject restoreObject(KubeObject obj, boolean claimIps, boolean replace) throws ApiException {
        return transaction(() -> {
            requireNamespace(obj);
            // What the cluster admitted had valid metadata: a restore takes nothing a create would refuse there.
            invalidIf(obj.kind(), obj.name(), restoredMetaErrors(obj));
            if (!replace && find(obj.kind(), obj.namespace(), obj.name()).isPresent()) {
                throw new ApiException(Status.alreadyExists(obj.kind(), obj.name()));
            }
            ObjectMeta m = obj.meta();
            if (m.uid() == null || m.creationTimestamp() == null) {
                ObjectMeta fresh = store.newMeta(m);
                m = new ObjectMeta(m.name(), m.namespace(), m.uid() == null ? fresh.uid() : m.uid(), null,
                        m.creationTimestamp() == null ? fresh.creationTimestamp() : m.creationTimestamp(),
                        m.deletionTimestamp(), m.deletionGracePeriodSeconds(), m.labels(), m.annotations(),
                        m.finalizers(), m.generateName(), Math.max(1, m.generation()));
            }
            KubeObject stored = store.storeAsIs(obj.withMeta(m));
            if (stored instanceof Service svc && claimIps) {
                services.claim(svc);
            }
            manager.reconcile();
            return stored;
        });
    }

    /** {@code ValidateObjectMeta} with the kind's name rule, as each kind's strategy runs it on a create. */
    private static List<FieldError> restoredMetaErrors(KubeObject obj) {
        ObjectMetaValidation.NameFunc nameFn = switch (obj.kind()) {
            case NAMESPACE -> ObjectMetaValidation.VALIDATE_NAMESPACE_NAME;
            case SERVICE -> ObjectMetaValidation.NAME_IS_DNS1035_LABEL;
            case SERVICE_CIDR, EVENT -> ObjectMetaValidation.NAME_IS_DNS_SUBDOMAIN;
            case IP_ADDRESS -> IpAddressValidation.NAME_FUNC;
        };
        ObjectMeta meta = obj.kind().namespaced() ? obj.meta() : obj.meta().withNamespace(null);
        return ObjectMetaValidation.validateObjectMeta(meta, obj.kind().namespaced(), nameFn);
    }

    /** Keeps an object of a kind the model does not simulate; a later one with the same identity replaces it. */
    public void keep(KeptObject o) {
        state.keep(o);
        if (NodeObjects.isNode(o)) {
            manager.reconcile();
        }
    }

    public void removeKept(String key) {
        boolean node = state.kept().stream().anyMatch(k -> k.key().equals(key) && NodeObjects.isNode(k));
        state.removeKept(key);
        if (node) {
            manager.reconcile();
        }
    }

    /**
     * A Node's {@code spec.podCIDRs}: as its object holds them, or as kube-controller-manager's range allocator
     * gave them to a Node of the plan's node list; empty when it has none.
     */
    public List<String> nodePodCidrs(String node) {
        return state.nodePodCidrs(node);
    }

    /** Why kube-controller-manager's node IPAM controller is not running (its error), if it is not. */
    public Optional<String> nodeIpamError() {
        return state.nodeIpam == null ? Optional.empty() : state.nodeIpam.error();
    }

    /** A UID for an object the plan keeps as written (a policy or binding), from the same seeded sequence. */
    public String assignUid() {
        return store.nextUid();
    }

    /** The next resourceVersion, for a kept object the API server writes. */
    public String assignResourceVersion() {
        return store.nextResourceVersion();
    }

    /**
     * Runs {@code work} with the controllers held back until it is done, then lets them catch up once: what a bulk
     * restore looks like to level-triggered controllers. The result is the same as reconciling after every write.
     */
    public <E extends Exception> void batch(BatchWork<E> work) throws E {
        manager.batch(work);
    }

    /** A block of writes for {@link #batch}. */
    @FunctionalInterface
    public interface BatchWork<E extends Exception> {
        void run() throws E;
    }

    // ---- the clock ----

    /** Moves the clock forward to {@code when} if that is later (an imported dump's own time). */
    public void advanceClockTo(Instant when) {
        if (when.isAfter(state.now)) {
            advanceClock(Duration.between(state.now, when));
        }
    }

    /** Moves the simulated clock forward, running every controller step that falls due on the way. */
    public void advanceClock(Duration d) {
        transaction(() -> {
            manager.advanceClock(d);
            return null;
        });
    }

    // ---- apiserver instances and cluster-wide settings ----

    /** Starts another kube-apiserver with its own flags (its default-ServiceCIDR controller runs at once). */
    public void addApiServer(String name, String serviceClusterIPRange) throws ClusterConfigException {
        instances.add(name, serviceClusterIPRange);
    }

    /** Replaces the apiserver of that name (a restart with new flags); the first one answers requests. */
    public void restartApiServer(String name, String serviceClusterIPRange) throws ClusterConfigException {
        instances.restart(name, serviceClusterIPRange);
    }

    /** Stops the apiserver of that name; the last one cannot be stopped (the cluster would have no API). */
    public void removeApiServer(String name) throws ClusterConfigException {
        instances.remove(name);
    }

    /** The kubelets' {@code --cluster-dns} (KubeletConfiguration {@code clusterDNS}), if the plan has one. */
    public Optional<String> kubeletClusterDns() {
        return state.settings.kubeletClusterDns();
    }

    /**
     * The kube-controller-manager's {@code --cluster-cidr} and the cluster's Kubernetes version (an upgrade or a
     * downgrade of every component); the caller has validated both.
     */
    public void reconfigureCluster(String clusterCidr, KubeVersion version) {
        state.setSettings(state.settings.withClusterCIDR(clusterCidr).withKubernetesVersion(version));
        controllers.forgetPrefixes();
        manager.reconcile();
    }

    /** Names the cluster (the plan's Cluster document); nothing in the cluster depends on its name. */
    public void renameCluster(String name) {
        state.setSettings(state.settings.withName(name));
    }

    /** Reconfigures every kubelet's {@code clusterDNS} (each node restarts its kubelet). */
    public void setKubeletClusterDns(String ip) {
        state.setSettings(state.settings.withClusterDNS(ip));
    }
}
