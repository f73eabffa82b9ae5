package dev.cidrstudio.model.cluster;

import dev.cidrstudio.model.allocator.MetaAllocator;
import dev.cidrstudio.model.allocator.RandomSource;
import dev.cidrstudio.model.api.Condition;
import dev.cidrstudio.model.api.Event;
import dev.cidrstudio.model.api.IpAddressObject;
import dev.cidrstudio.model.api.KeptObject;
import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.api.KubeObject;
import dev.cidrstudio.model.api.Namespace;
import dev.cidrstudio.model.api.ObjectMeta;
import dev.cidrstudio.model.api.ObjectReference;
import dev.cidrstudio.model.api.Service;
import dev.cidrstudio.model.api.ServiceCidr;
import dev.cidrstudio.model.controller.DefaultServiceCidrContext;
import dev.cidrstudio.model.controller.DefaultServiceCidrController;
import dev.cidrstudio.model.controller.RepairContext;
import dev.cidrstudio.model.controller.RepairIpController;
import dev.cidrstudio.model.controller.ServiceCidrController;
import dev.cidrstudio.model.field.FieldError;
import dev.cidrstudio.model.net.IpFamily;
import dev.cidrstudio.model.validation.IpAddressValidation;
import dev.cidrstudio.model.validation.NameValidation;
import dev.cidrstudio.model.validation.ServiceCidrValidation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The simulated kube-apiserver and the controllers behind it: the one way in for every change to the planned
 * cluster. The GUI, the kubectl console, the wizard and the importer all create, update and delete through here,
 * so validation, allocation and controller reactions happen once, in one place.
 */
public final class ApiServer {

    public static final Duration DEFAULT_CONTROLLER_PERIOD = Duration.ofSeconds(10);
    public static final List<String> SYSTEM_NAMESPACES = List.of("default", "kube-node-lease", "kube-public",
            "kube-system");
    public static final String KUBE_APISERVER = "kube-apiserver";

    /** kube-apiserver's ClusterIP repair loop resyncs everything on this period. */
    public static final Duration REPAIR_PERIOD = Duration.ofMinutes(3);

    private ClusterState state;
    private final ServiceRest services;
    private Admission admission = Admission.standard();
    private final List<String> warnings = new ArrayList<>();
    private final java.util.ArrayDeque<AuditEntry> audit = new java.util.ArrayDeque<>();

    /** An audit record of an admitted write that a policy annotated: when, what, and the annotations. */
    public record AuditEntry(Instant time, String operation, String object, Map<String, String> annotations) {
    }
    private Instant earliestRequeue;
    private final java.util.LinkedHashSet<String> dirty = new java.util.LinkedHashSet<>();
    private boolean deferReconcile;
    private List<MetaAllocator.NamedPrefix> prefixCache;
    private long prefixCacheVersion = -1;
    /** Finds the event to count up when a controller reports the same thing again (the event correlator). */
    private final Map<String, String> eventIndex = new java.util.HashMap<>();
    private final java.util.TreeMap<Instant, java.util.Set<String>> delayed = new java.util.TreeMap<>();

    private ApiServer(ClusterState state) {
        this.state = state;
        this.services = new ServiceRest(this);
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
            s.apiServers.add(new ApiServerInstance(a.name(), f, false));
        }
        flags = s.apiServers.get(0).flags();
        // The repair loop's first full resync comes one period after start; until then it follows changes.
        s.nextRepair = s.now.plus(REPAIR_PERIOD);
        ApiServer api = new ApiServer(s);
        for (String ns : SYSTEM_NAMESPACES) {
            api.store(new Namespace(api.newMeta(ObjectMeta.named(ns)
                    .withLabels(Map.of(Namespace.NAME_LABEL, ns))), "Active"));
        }
        api.runPeriodicControllers();
        api.runPeriodicControllers();
        api.reconcile();
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

    /** Rebuilds an ApiServer around a saved state (for undo). */
    public static ApiServer fromState(ClusterState state) {
        return new ApiServer(state.copy());
    }

    /** Resumes a simulation saved with {@link #toSnapshot()}; the objects are stored as they were. */
    public static ApiServer resume(SimulationSnapshot snap) throws ClusterConfigException {
        ClusterState s = new ClusterState(snap.settings());
        s.now = snap.now();
        s.resourceVersion = snap.resourceVersion();
        s.uidCounter = snap.uidCounter();
        s.randomDraws = snap.randomDraws();
        s.nextDefaultControllerSync = snap.nextControllerSync();
        for (SimulationSnapshot.ApiServerSnapshot a : snap.apiServers()) {
            ServiceIpRangeFlag flags = ServiceIpRangeFlag.parse(a.serviceClusterIPRange(),
                    snap.settings().kubernetesVersion());
            if (!flags.valid()) {
                throw new ClusterConfigException(flags.errors());
            }
            s.apiServers.add(new ApiServerInstance(a.name(), flags, a.inconsistencyReported()));
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
                state.randomDraws, state.nextDefaultControllerSync, servers, new ArrayList<>(state.all()));
    }

    // ---- reads ----

    public ClusterState state() {
        return state;
    }

    public ClusterState snapshot() {
        return state.copy();
    }

    public void restore(ClusterState snapshot) {
        state = snapshot.copy();
        prefixCache = null;
    }

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
        Optional<T> o = state.get(kind, namespace, name);
        return o.orElseThrow(() -> new ApiException(Status.notFound(kind, name)));
    }

    public <T extends KubeObject> Optional<T> find(Kind kind, String namespace, String name) {
        return state.get(kind, namespace, name);
    }

    public <T extends KubeObject> List<T> list(Kind kind, String namespace) {
        return state.list(kind, namespace);
    }

    // ---- writes ----

    /** The validating admission every write goes through (the policies found on the class path by default). */
    public void setAdmission(Admission admission) {
        this.admission = admission == null ? Admission.NONE : admission;
    }

    public Admission admission() {
        return admission;
    }

    /** The warnings of the writes since the last call (kubectl prints each as "Warning: ..."), then forgets them. */
    /** Warnings a write adds before admission runs (kube-apiserver's {@code WarningsOnCreate}/{@code OnUpdate}). */
    void warn(List<String> more) {
        warnings.addAll(more);
    }

    public List<String> takeWarnings() {
        List<String> out = List.copyOf(warnings);
        warnings.clear();
        return out;
    }

    /**
     * Runs validating admission on a write that has been validated and stored; a denial puts the store back as it
     * was before the write (from the savepoint's journal, not a copy of the plan).
     */
    private void admitted(ClusterState.Savepoint before, Object object, Object old, String operation)
            throws ApiException {
        if (before == null) {
            return;
        }
        try {
            record(admission.admit(state, object, old, operation), object != null ? object : old, operation);
        } catch (ApiException e) {
            state.rollback(before);
            prefixCache = null;
            warnings.addAll(e.warnings());
            throw e;
        } finally {
            state.release(before);
        }
    }

    /** A write its own validation refused before admission: nothing to undo, stop journalling. */
    private void closeSavepoint(ClusterState.Savepoint sp) {
        if (sp != null) {
            state.release(sp);
        }
    }

    private ClusterState.Savepoint rollbackPoint(KubeObject obj, String operation) {
        return obj.kind() != Kind.EVENT && admission.active(state, obj, operation) ? state.savepoint() : null;
    }

    private void record(Admission.Admitted a, Object target, String operation) {
        warnings.addAll(a.warnings());
        if (!a.auditAnnotations().isEmpty()) {
            String what = target instanceof KubeObject k ? k.kind().kindName() + " " + (k.namespace() == null ? ""
                    : k.namespace() + "/") + k.name() : target instanceof KeptObject k
                    ? k.kind() + " " + (k.namespace() == null ? "" : k.namespace() + "/") + k.name() : "";
            audit.addLast(new AuditEntry(state.now, operation, what, Map.copyOf(a.auditAnnotations())));
            while (audit.size() > 1000) {
                audit.removeFirst();
            }
        }
    }

    /** The audit annotations policies added to admitted writes (the latest 1,000), oldest first. */
    public List<AuditEntry> auditLog() {
        return List.copyOf(audit);
    }

    /**
     * Admission for an object of a kind the model only keeps (a Pod, a Node, ...), before it is kept or replaces
     * {@code old}: warnings, or the denial.
     */
    public List<String> admitKept(KeptObject object, KeptObject old)
            throws ApiException {
        if (!admission.active(state, object, old == null ? "CREATE" : "UPDATE")) {
            return List.of();
        }
        Admission.Admitted a = admission.admit(state, object, old, old == null ? "CREATE" : "UPDATE");
        record(a, object, old == null ? "CREATE" : "UPDATE");
        return takeWarnings();
    }

    /** POST: validation, admission, allocation, then the controllers react. */
    public KubeObject create(KubeObject obj) throws ApiException {
        requireNamespace(obj);
        if (state.get(obj.kind(), obj.namespace(), obj.name()).isPresent()) {
            throw new ApiException(Status.alreadyExists(obj.kind(), obj.name()));
        }
        ClusterState.Savepoint before = rollbackPoint(obj, "CREATE");
        KubeObject created;
        try {
            created = switch (obj.kind()) {
                case NAMESPACE -> createNamespace((Namespace) obj);
                case SERVICE -> services.create((Service) obj);
                case SERVICE_CIDR -> createServiceCidr((ServiceCidr) obj);
                case IP_ADDRESS -> createIpAddress((IpAddressObject) obj);
                case EVENT -> store(obj);
            };
        } catch (ApiException | RuntimeException e) {
            closeSavepoint(before);
            throw e;
        }
        admitted(before, created, null, "CREATE");
        reconcile();
        return state.get(created.kind(), created.namespace(), created.name()).orElse(created);
    }

    /** PUT: the update rules of each kind; server-owned metadata is kept. */
    public KubeObject update(KubeObject obj) throws ApiException {
        KubeObject old = get(obj.kind(), obj.namespace(), obj.name());
        ObjectMeta meta = obj.meta().keepingServerFields(old.meta());
        ClusterState.Savepoint before = rollbackPoint(obj, "UPDATE");
        KubeObject updated;
        try {
            updated = switch (obj.kind()) {
                case NAMESPACE -> store(new Namespace(meta, ((Namespace) old).phase()));
                case SERVICE -> services.update(((Service) obj).withMeta(meta), (Service) old);
                case SERVICE_CIDR -> updateServiceCidr(((ServiceCidr) obj).withMeta(meta), (ServiceCidr) old);
                case IP_ADDRESS -> updateIpAddress(((IpAddressObject) obj).withMeta(meta), (IpAddressObject) old);
                case EVENT -> store(obj.withMeta(meta));
            };
        } catch (ApiException | RuntimeException e) {
            closeSavepoint(before);
            throw e;
        }
        admitted(before, updated, old, "UPDATE");
        reconcile();
        return state.get(updated.kind(), updated.namespace(), updated.name()).orElse(updated);
    }

    /**
     * DELETE: objects with finalizers get a deletionTimestamp and stay until their controller lets go; others go at
     * once. Returns the object as the delete left it.
     */
    public KubeObject delete(Kind kind, String namespace, String name) throws ApiException {
        KubeObject old = get(kind, namespace, name);
        if (kind == Kind.NAMESPACE && SYSTEM_NAMESPACES.contains(name) && !"kube-node-lease".equals(name)) {
            throw new ApiException(Status.forbidden("namespaces \"" + name + "\" is forbidden: this namespace may "
                    + "not be deleted"));
        }
        ClusterState.Savepoint before = rollbackPoint(old, "DELETE");
        if (before != null) {
            admitted(before, null, old, "DELETE");
        }
        KubeObject result = old;
        if (!old.meta().finalizers().isEmpty()) {
            if (!old.meta().beingDeleted()) {
                result = store(old.withMeta(old.meta().withDeletion(state.now, 0L)));
            }
        } else {
            switch (kind) {
                case SERVICE -> services.delete((Service) old);
                case NAMESPACE -> deleteNamespaceContents(name);
                default -> { }
            }
            remove(old);
        }
        reconcile();
        return result;
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
        requireNamespace(obj);
        if (!replace && state.get(obj.kind(), obj.namespace(), obj.name()).isPresent()) {
            throw new ApiException(Status.alreadyExists(obj.kind(), obj.name()));
        }
        ObjectMeta m = obj.meta();
        if (m.uid() == null || m.creationTimestamp() == null) {
            ObjectMeta fresh = newMeta(m);
            m = new ObjectMeta(m.name(), m.namespace(), m.uid() == null ? fresh.uid() : m.uid(), null,
                    m.creationTimestamp() == null ? fresh.creationTimestamp() : m.creationTimestamp(),
                    m.deletionTimestamp(), m.deletionGracePeriodSeconds(), m.labels(), m.annotations(),
                    m.finalizers(), m.generateName(), Math.max(1, m.generation()));
        }
        KubeObject stored = storeAsIs(obj.withMeta(m));
        if (stored instanceof Service svc && claimIps) {
            services.claim(svc);
        }
        reconcile();
        return stored;
    }

    /** Keeps an object of a kind the model does not simulate; a later one with the same identity replaces it. */
    public void keep(KeptObject o) {
        state.kept.put(o.key(), o);
    }

    public void removeKept(String key) {
        state.kept.remove(key);
    }

    /** Moves the clock forward to {@code when} if that is later (an imported dump's own time). */
    public void advanceClockTo(Instant when) {
        if (when.isAfter(state.now)) {
            advanceClock(Duration.between(state.now, when));
        }
    }

    /** Moves the simulated clock forward, running every controller step that falls due on the way. */
    public void advanceClock(Duration d) {
        if (d.isNegative()) {
            return;
        }
        Instant target = state.now.plus(d);
        while (true) {
            Instant timer = earliestRequeue;
            if (!delayed.isEmpty() && (timer == null || delayed.firstKey().isBefore(timer))) {
                timer = delayed.firstKey();
            }
            Instant due = state.nextDefaultControllerSync;
            if (timer != null && timer.isBefore(due)) {
                due = timer;
            }
            if (due.isAfter(target)) {
                break;
            }
            // A long quiet stretch (a restored dump's clock jump): the periodic controllers are level-triggered,
            // so they run once and the clock skips to just before the next moment anything is due.
            Instant quietUntil = (timer == null || timer.isAfter(target) ? target : timer)
                    .minus(DEFAULT_CONTROLLER_PERIOD);
            if (due.equals(state.nextDefaultControllerSync) && quietUntil.isAfter(due.plus(DEFAULT_CONTROLLER_PERIOD))) {
                state.now = due.isBefore(state.now) ? state.now : due;
                runPeriodicControllers();
                reconcile();
                state.now = quietUntil;
                state.nextDefaultControllerSync = quietUntil;
                // A resync that fell due during the stretch runs at its end.
                if (!state.nextRepair.isAfter(quietUntil)) {
                    state.nextRepair = quietUntil;
                }
                continue;
            }
            state.now = due.isBefore(state.now) ? state.now : due;
            earliestRequeue = null;
            while (!delayed.isEmpty() && !delayed.firstKey().isAfter(state.now)) {
                dirty.addAll(delayed.pollFirstEntry().getValue());
            }
            if (!state.nextDefaultControllerSync.isAfter(state.now)) {
                runPeriodicControllers();
            }
            reconcile();
        }
        state.now = target;
        reconcile();
    }

    // ---- apiserver instances ----

    /** Starts another kube-apiserver with its own flags (its default-ServiceCIDR controller runs at once). */
    public void addApiServer(String name, String serviceClusterIPRange) throws ClusterConfigException {
        ServiceIpRangeFlag flags = ServiceIpRangeFlag.parse(serviceClusterIPRange, settings().kubernetesVersion());
        if (!flags.valid()) {
            throw new ClusterConfigException(flags.errors());
        }
        state.apiServers.add(new ApiServerInstance(name, flags, false));
        followActiveFlags();
        runPeriodicControllers();
        reconcile();
    }

    /** Replaces the apiserver of that name (a restart with new flags); the first one answers requests. */
    public void restartApiServer(String name, String serviceClusterIPRange) throws ClusterConfigException {
        ServiceIpRangeFlag flags = ServiceIpRangeFlag.parse(serviceClusterIPRange, settings().kubernetesVersion());
        if (!flags.valid()) {
            throw new ClusterConfigException(flags.errors());
        }
        int index = apiServerIndex(name);
        if (index < 0) {
            throw new ClusterConfigException(List.of("no kube-apiserver named " + name));
        }
        state.apiServers.set(index, new ApiServerInstance(name, flags, false));
        followActiveFlags();
        runPeriodicControllers();
        reconcile();
    }

    /** Stops the apiserver of that name; the last one cannot be stopped (the cluster would have no API). */
    public void removeApiServer(String name) throws ClusterConfigException {
        int index = apiServerIndex(name);
        if (index < 0) {
            throw new ClusterConfigException(List.of("no kube-apiserver named " + name));
        }
        if (state.apiServers.size() == 1) {
            throw new ClusterConfigException(List.of("cannot stop " + name + ": it is the only kube-apiserver"));
        }
        state.apiServers.remove(index);
        followActiveFlags();
        runPeriodicControllers();
        reconcile();
    }

    private int apiServerIndex(String name) {
        for (int i = 0; i < state.apiServers.size(); i++) {
            if (state.apiServers.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Keeps the plan's settings on the running apiservers: the shared flag is the one of the apiserver that answers.
     * The kubelets' {@code clusterDNS} is a fixed address on a real node: when it was derived from the old range it
     * stays on the old address.
     */
    private void followActiveFlags() {
        ClusterSettings s = state.settings;
        String flag = activeApiServer().flags().text();
        if (!flag.equals(s.serviceClusterIPRange())) {
            if (ClusterSettings.DNS_AUTO.equals(s.clusterDNS())) {
                s = s.withClusterDNS(kubeletClusterDns().orElseThrow());
            }
            s = s.withServiceClusterIPRange(flag);
        }
        List<ClusterSettings.ApiServerSetting> servers = new ArrayList<>();
        for (ApiServerInstance a : state.apiServers) {
            servers.add(new ClusterSettings.ApiServerSetting(a.name(), a.flags().text().equals(flag) ? null
                    : a.flags().text()));
        }
        boolean plain = servers.size() == 1 && servers.get(0).name().equals(KUBE_APISERVER);
        state.settings = s.withApiServers(plain ? List.of() : servers);
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
        state.settings = state.settings.withClusterCIDR(clusterCidr).withKubernetesVersion(version);
        prefixCache = null;
    }

    /** Reconfigures every kubelet's {@code clusterDNS} (each node restarts its kubelet). */
    public void setKubeletClusterDns(String ip) {
        state.settings = state.settings.withClusterDNS(ip);
    }

    // ---- per-kind create/update ----

    private void requireNamespace(KubeObject obj) throws ApiException {
        if (obj.kind().namespaced()) {
            String ns = obj.namespace();
            if (ns == null || state.get(Kind.NAMESPACE, null, ns).isEmpty()) {
                throw new ApiException(Status.notFound("namespaces", ns == null ? "" : ns));
            }
        }
    }

    private KubeObject createNamespace(Namespace ns) throws ApiException {
        List<FieldError> errs = NameValidation.validateName(ns.name(), NameValidation::isDns1123Label);
        if (!errs.isEmpty()) {
            throw new ApiException(Status.invalid(Kind.NAMESPACE, ns.name(), errs, settings().kubernetesVersion()));
        }
        Map<String, String> labels = new java.util.TreeMap<>(ns.meta().labels());
        labels.put(Namespace.NAME_LABEL, ns.name());
        return store(new Namespace(newMeta(ns.meta().withLabels(labels)), "Active"));
    }

    private KubeObject createServiceCidr(ServiceCidr sc) throws ApiException {
        List<FieldError> errs = ServiceCidrValidation.validateServiceCIDR(sc);
        if (!errs.isEmpty()) {
            throw new ApiException(Status.invalid(Kind.SERVICE_CIDR, sc.name(), errs, settings().kubernetesVersion()));
        }
        return store(new ServiceCidr(newMeta(sc.meta()), sc.cidrs(), List.of()));
    }

    private KubeObject updateServiceCidr(ServiceCidr sc, ServiceCidr old) throws ApiException {
        List<FieldError> errs = ServiceCidrValidation.validateServiceCIDRUpdate(sc, old);
        if (!errs.isEmpty()) {
            throw new ApiException(Status.invalid(Kind.SERVICE_CIDR, sc.name(), errs, settings().kubernetesVersion()));
        }
        ServiceCidr next = new ServiceCidr(sc.meta(), sc.cidrs(), old.conditions());
        if (!next.cidrsOrEmpty().equals(old.cidrsOrEmpty())) {
            next = next.withMeta(next.meta().withGeneration(old.meta().generation() + 1));
        }
        return store(next);
    }

    private KubeObject createIpAddress(IpAddressObject ip) throws ApiException {
        List<FieldError> errs = IpAddressValidation.validateIPAddress(ip);
        if (!errs.isEmpty()) {
            throw new ApiException(Status.invalid(Kind.IP_ADDRESS, ip.name(), errs, settings().kubernetesVersion()));
        }
        return store(new IpAddressObject(newMeta(ip.meta()), ip.parentRef()));
    }

    private KubeObject updateIpAddress(IpAddressObject ip, IpAddressObject old) throws ApiException {
        List<FieldError> errs = IpAddressValidation.validateIPAddressUpdate(ip, old);
        if (!errs.isEmpty()) {
            throw new ApiException(Status.invalid(Kind.IP_ADDRESS, ip.name(), errs, settings().kubernetesVersion()));
        }
        return store(ip);
    }

    private void deleteNamespaceContents(String namespace) {
        for (Kind k : Kind.values()) {
            if (!k.namespaced()) {
                continue;
            }
            for (KubeObject o : state.list(k, namespace)) {
                if (o instanceof Service svc) {
                    services.delete(svc);
                }
                remove(o);
            }
        }
    }

    // ---- storage primitives shared with ServiceRest and the controllers ----

    ObjectMeta newMeta(ObjectMeta m) {
        return m.created(nextUid(), nextResourceVersion(), state.now);
    }

    /** A UID for an object the plan keeps as written (a policy or binding), from the same seeded sequence. */
    public String assignUid() {
        return nextUid();
    }

    /** The next resourceVersion, for a kept object the API server writes. */
    public String assignResourceVersion() {
        return nextResourceVersion();
    }

    String nextResourceVersion() {
        state.resourceVersion++;
        return Long.toString(state.resourceVersion);
    }

    /** A random-looking version-4 UID that replays identically from the plan's seed. */
    String nextUid() {
        state.uidCounter++;
        SplittableRandom r = new SplittableRandom(state.settings.randomSeed() * 31 + state.uidCounter);
        long msb = (r.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (r.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb).toString();
    }

    RandomSource nextRandom() {
        state.randomDraws++;
        return new RandomSource(state.settings.randomSeed(), state.randomDraws);
    }

    KubeObject store(KubeObject o) {
        KubeObject withRv = o.withMeta(o.meta().withResourceVersion(nextResourceVersion()));
        state.put(withRv);
        if (o.kind() == Kind.SERVICE || o.kind() == Kind.IP_ADDRESS) {
            dirty.add(withRv.kind() + "/" + ClusterState.key(withRv));
        }
        return withRv;
    }

    /** Stores an object keeping the resourceVersion it already has (a restore), else assigning one. */
    KubeObject storeAsIs(KubeObject o) {
        String rv = o.meta().resourceVersion();
        if (rv == null || !rv.matches("[0-9]{1,18}")) {
            return store(o);
        }
        state.resourceVersion = Math.max(state.resourceVersion, Long.parseLong(rv));
        state.put(o);
        if (o.kind() == Kind.SERVICE || o.kind() == Kind.IP_ADDRESS) {
            dirty.add(o.kind() + "/" + ClusterState.key(o));
        }
        return o;
    }

    /**
     * The repair loop's informer-driven part: Services and IPAddresses written since the last pass are checked
     * one by one; the periodic pass ({@link #REPAIR_PERIOD}) checks everything.
     */
    private void repairDirty(Context ctx) {
        for (int round = 0; round < 4 && !dirty.isEmpty(); round++) {
            List<String> keys = new ArrayList<>(dirty);
            dirty.clear();
            for (String k : keys) {
                int slash = k.indexOf('/');
                String kind = k.substring(0, slash);
                String key = k.substring(slash + 1);
                if (kind.equals(Kind.SERVICE.name())) {
                    int s2 = key.indexOf('/');
                    state.<Service>get(Kind.SERVICE, key.substring(0, s2), key.substring(s2 + 1))
                            .ifPresent(svc -> RepairIpController.syncService(ctx, svc));
                } else {
                    state.<IpAddressObject>get(Kind.IP_ADDRESS, null, key)
                            .ifPresent(ip -> RepairIpController.syncIpAddress(ctx, ip));
                }
            }
        }
        dirty.clear();
    }

    void remove(KubeObject o) {
        state.remove(o);
    }

    ClusterState mutableState() {
        return state;
    }

    void recordEvent(KubeObject involved, String type, String reason, String message, String component) {
        String ns = involved.namespace() == null || involved.namespace().isEmpty() ? "default" : involved.namespace();
        ObjectReference ref = ObjectReference.to(involved);
        String same = ns + "|" + ref + "|" + type + "|" + reason + "|" + message;
        String existing = eventIndex.get(same);
        if (existing != null) {
            var e = state.<Event>get(Kind.EVENT, ns, existing);
            if (e.isPresent()) {
                store(e.get().repeated(state.now));
                return;
            }
        }
        long nanos = state.now.getEpochSecond() * 1_000_000_000L + state.now.getNano() + state.resourceVersion;
        String name = involved.name() + "." + Long.toHexString(nanos);
        ObjectMeta meta = new ObjectMeta(name, ns, nextUid(), null, state.now, null, null, null, null, null, null, 0);
        store(new Event(meta, ref, reason, message, type, component, state.now, state.now, 1));
        eventIndex.put(same, name);
    }

    // ---- controllers ----

    private final class Context implements DefaultServiceCidrContext, RepairContext {
        @Override
        public Instant now() {
            return state.now;
        }

        @Override
        public List<ServiceCidr> serviceCidrs() {
            return state.list(Kind.SERVICE_CIDR);
        }

        @Override
        public List<IpAddressObject> ipAddresses() {
            return state.list(Kind.IP_ADDRESS);
        }

        /** From the address index: only the used addresses inside the prefix, each looked up by its name. */
        @Override
        public boolean anyIpAddressIn(dev.cidrstudio.model.net.Cidr prefix,
                java.util.function.Predicate<IpAddressObject> test) {
            if (prefix.hostBits() > 64) {
                return DefaultServiceCidrContext.super.anyIpAddressIn(prefix, test);
            }
            var first = prefix.network();
            return state.used(prefix.family()).anyInRange(first, prefix.lastAddress(), offset -> state
                    .<IpAddressObject>get(Kind.IP_ADDRESS, null, first.plus(offset).toString())
                    .map(test::test).orElse(false));
        }

        @Override
        public void patchFinalizers(ServiceCidr sc, List<String> finalizers) {
            ServiceCidr current = state.<ServiceCidr>get(Kind.SERVICE_CIDR, null, sc.name()).orElse(sc);
            ServiceCidr next = current.withMeta(current.meta().withFinalizers(finalizers));
            if (next.meta().beingDeleted() && finalizers.isEmpty()) {
                remove(next);
            } else {
                store(next);
            }
        }

        @Override
        public void updateStatus(ServiceCidr sc, List<Condition> conditions) {
            ServiceCidr current = state.<ServiceCidr>get(Kind.SERVICE_CIDR, null, sc.name()).orElse(sc);
            store(current.withConditions(conditions));
        }

        @Override
        public void recordEvent(KubeObject involved, String type, String reason, String message, String component) {
            ApiServer.this.recordEvent(involved, type, reason, message, component);
        }

        @Override
        public void requeueAt(Instant when) {
            if (earliestRequeue == null || when.isBefore(earliestRequeue)) {
                earliestRequeue = when;
            }
        }

        @Override
        public List<Service> services() {
            return state.list(Kind.SERVICE);
        }

        @Override
        public List<MetaAllocator.NamedPrefix> serviceCidrPrefixes() {
            if (prefixCache == null || prefixCacheVersion != state.serviceCidrVersion) {
                prefixCache = MetaAllocator.prefixes(
                        state.<ServiceCidr>list(Kind.SERVICE_CIDR));
                prefixCacheVersion = state.serviceCidrVersion;
            }
            return prefixCache;
        }

        @Override
        public Optional<Service> service(String namespace, String name) {
            return state.get(Kind.SERVICE, namespace, name);
        }

        @Override
        public Optional<IpAddressObject> ipAddress(String name) {
            return state.get(Kind.IP_ADDRESS, null, name);
        }

        @Override
        public void createIpAddress(IpAddressObject ip) {
            if (state.get(Kind.IP_ADDRESS, null, ip.name()).isEmpty()) {
                store(new IpAddressObject(newMeta(ip.meta()), ip.parentRef()));
            }
        }

        @Override
        public void recheckIpAddressAt(String name, Instant when) {
            delayed.computeIfAbsent(when, w -> new java.util.LinkedHashSet<>()).add(Kind.IP_ADDRESS + "/" + name);
        }

        @Override
        public void deleteIpAddress(String name) {
            state.<IpAddressObject>get(Kind.IP_ADDRESS, null, name).ifPresent(ApiServer.this::remove);
        }

        @Override
        public boolean createServiceCidr(ServiceCidr sc) {
            try {
                create(sc);
                return true;
            } catch (ApiException e) {
                return false;
            }
        }

        @Override
        public String updateServiceCidrSpec(ServiceCidr sc, List<String> cidrs) {
            try {
                updateServiceCidr(sc.withCidrs(cidrs), sc);
                return null;
            } catch (ApiException e) {
                return e.getMessage();
            }
        }
    }

    /**
     * Runs {@code work} with the controllers held back until it is done, then lets them catch up once: what a bulk
     * restore looks like to level-triggered controllers. The result is the same as reconciling after every write.
     */
    public <E extends Exception> void batch(BatchWork<E> work) throws E {
        boolean outer = !deferReconcile;
        deferReconcile = true;
        try {
            work.run();
        } finally {
            if (outer) {
                deferReconcile = false;
                reconcile();
            }
        }
    }

    /** A block of writes for {@link #batch}. */
    @FunctionalInterface
    public interface BatchWork<E extends Exception> {
        void run() throws E;
    }

    /** Runs the level-triggered controllers until nothing changes. */
    void reconcile() {
        if (deferReconcile) {
            return;
        }
        Context ctx = new Context();
        for (int pass = 0; pass < 8; pass++) {
            long before = state.resourceVersion;
            for (ServiceCidr sc : state.<ServiceCidr>list(Kind.SERVICE_CIDR)) {
                ServiceCidrController.sync(ctx, state.<ServiceCidr>get(Kind.SERVICE_CIDR, null, sc.name()).orElse(sc));
            }
            repairDirty(ctx);
            if (state.resourceVersion == before) {
                return;
            }
        }
    }

    /** The controllers that run on a timer in every apiserver: the default ServiceCIDR and kubernetes.default. */
    private void runPeriodicControllers() {
        Context ctx = new Context();
        for (int i = 0; i < state.apiServers.size(); i++) {
            ApiServerInstance a = state.apiServers.get(i);
            List<String> flagCidrs = a.flags().ranges().stream().map(Object::toString).toList();
            var outcome = DefaultServiceCidrController.sync(ctx, flagCidrs, a.inconsistencyReported());
            if (outcome == DefaultServiceCidrController.Outcome.INCONSISTENT) {
                state.apiServers.set(i, state.apiServers.get(i).reported());
            }
        }
        services.ensureKubernetesService(activeApiServer());
        state.nextDefaultControllerSync = state.now.plus(DEFAULT_CONTROLLER_PERIOD);
        if (!state.nextRepair.isAfter(state.now)) {
            RepairIpController.runOnce(ctx);
            state.nextRepair = state.now.plus(REPAIR_PERIOD);
        }
    }

    /** For tests and tools: a map of object counts per kind. */
    public Map<Kind, Integer> counts() {
        Map<Kind, Integer> m = new java.util.EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            m.put(k, state.count(k));
        }
        return m;
    }

    /** The warnings the active apiserver logged at start-up. */
    public List<String> startupWarnings() {
        return new ArrayList<>(activeApiServer().flags().warnings());
    }
}
