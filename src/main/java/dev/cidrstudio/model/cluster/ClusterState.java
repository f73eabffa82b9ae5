package dev.cidrstudio.model.cluster;

import dev.cidrstudio.model.allocator.UsedAddressSet;
import dev.cidrstudio.model.api.IpAddressObject;
import dev.cidrstudio.model.api.KeptObject;
import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.api.KubeObject;
import dev.cidrstudio.model.net.Cidr;
import dev.cidrstudio.model.net.IpAddress;
import dev.cidrstudio.model.net.IpFamily;
import dev.cidrstudio.model.net.IpParsing;
import dev.cidrstudio.model.nodeipam.NodeIpamState;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Everything the simulated cluster holds: the objects (as etcd holds them, ordered by key), the clock, counters,
 * timers and work queues of the controllers, the event correlator's index, the audit log, and the allocator's view
 * of which addresses have IPAddress objects. A copy is the whole simulation: restoring it and replaying the same
 * requests gives the same objects, events and audit. Only {@link ApiServer} changes it; while a transaction is open
 * every change is journalled so it can be taken back.
 */
public final class ClusterState {

    /** The simulated clock starts here, so a plan replays with the same timestamps. */
    public static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
    public static final int NODE_PORT_BASE = 30000;
    public static final int NODE_PORT_SIZE = 2768;
    /** The audit log keeps the latest entries only. */
    static final int AUDIT_LIMIT = 1000;

    // The plan's content: a change to any of these moves the revision.
    ClusterSettings settings;
    final Map<Kind, TreeMap<String, KubeObject>> objects = new EnumMap<>(Kind.class);
    final List<ApiServerInstance> apiServers = new ArrayList<>();
    /**
     * The range each legacy bitmap key holds ({@code /ranges/serviceips}, then {@code /ranges/secondaryserviceips}):
     * written by the first kube-apiserver that found it missing, and never rewritten while the ServiceCIDR allocator
     * is on (its repair loop works on IPAddress objects, not on the bitmap).
     */
    final List<Cidr> legacyBitmapRanges = new ArrayList<>();
    private final Map<String, KeptObject> kept = new LinkedHashMap<>();

    // The clock, counters and timers.
    Instant now = EPOCH;
    long resourceVersion = 1000;
    long uidCounter;
    long randomDraws;
    Instant nextDefaultControllerSync = EPOCH;
    Instant nextRepair = EPOCH;
    /** The node IPAM controller's allocator and memory, a value replaced by each step (null before its first). */
    NodeIpamState nodeIpam;
    /** Counts changes to Node objects, so the node IPAM controller skips the writes that touch none. */
    long nodeObjectsVersion;
    /** The Node objects' version and the settings the node IPAM controller last looked at. */
    long nodeIpamSeenVersion = -1;
    ClusterSettings nodeIpamSeenSettings;
    /** The earliest moment a controller asked to run again (the work queue's {@code AddAfter}), or null. */
    Instant earliestRequeue;
    private final TreeMap<Instant, Set<String>> rechecks = new TreeMap<>();
    /** Services and IPAddresses written since the repair loop last looked (its informers' queue). */
    private final LinkedHashSet<String> dirty = new LinkedHashSet<>();
    /** The event correlator: an event's identity to the name of the Event that counts it. */
    private final Map<String, String> eventIndex = new HashMap<>();
    private final ArrayDeque<ApiServer.AuditEntry> audit = new ArrayDeque<>();

    // Indexes derived from the objects.
    final Map<IpFamily, UsedAddressSet> used = new EnumMap<>(IpFamily.class);
    final BitSet nodePorts = new BitSet(NODE_PORT_SIZE);
    /** Counts changes to ServiceCIDRs, so parsed prefixes can be cached between them; never goes back. */
    long serviceCidrVersion;

    /** Shared by a state and its copies, so a revision number is never given to two different contents. */
    AtomicLong revisions = new AtomicLong();
    long revision;
    /** The undo log of the control plane this state belongs to, or null for a copy at rest. */
    Journal journal;

    ClusterState(ClusterSettings settings) {
        this.settings = settings;
        for (Kind k : Kind.values()) {
            objects.put(k, new TreeMap<>());
        }
        for (IpFamily f : IpFamily.values()) {
            used.put(f, new UsedAddressSet(f));
        }
    }

    ClusterState copy() {
        ClusterState c = new ClusterState(settings);
        c.now = now;
        c.resourceVersion = resourceVersion;
        c.uidCounter = uidCounter;
        c.randomDraws = randomDraws;
        c.nextDefaultControllerSync = nextDefaultControllerSync;
        c.nextRepair = nextRepair;
        c.earliestRequeue = earliestRequeue;
        c.nodeIpam = nodeIpam;
        c.nodeObjectsVersion = nodeObjectsVersion;
        c.nodeIpamSeenVersion = nodeIpamSeenVersion;
        c.nodeIpamSeenSettings = nodeIpamSeenSettings;
        c.serviceCidrVersion = serviceCidrVersion;
        c.revisions = revisions;
        c.revision = revision;
        objects.forEach((k, m) -> c.objects.put(k, new TreeMap<>(m)));
        used.forEach((f, u) -> c.used.put(f, u.copy()));
        c.nodePorts.or(nodePorts);
        c.apiServers.addAll(apiServers);
        c.legacyBitmapRanges.addAll(legacyBitmapRanges);
        c.kept.putAll(kept);
        rechecks.forEach((when, keys) -> c.rechecks.put(when, new LinkedHashSet<>(keys)));
        c.dirty.addAll(dirty);
        c.eventIndex.putAll(eventIndex);
        c.audit.addAll(audit);
        return c;
    }

    static String key(String namespace, String name) {
        return namespace == null || namespace.isEmpty() ? name : namespace + "/" + name;
    }

    static String key(KubeObject o) {
        return key(o.kind().namespaced() ? o.namespace() : null, o.name());
    }

    // ---- reads ----

    public ClusterSettings settings() {
        return settings;
    }

    public Instant now() {
        return now;
    }

    public long randomDraws() {
        return randomDraws;
    }

    public long resourceVersionCounter() {
        return resourceVersion;
    }

    public List<ApiServerInstance> apiServers() {
        return List.copyOf(apiServers);
    }

    public UsedAddressSet used(IpFamily family) {
        return used.get(family);
    }

    @SuppressWarnings("unchecked")
    public <T extends KubeObject> Optional<T> get(Kind kind, String namespace, String name) {
        return Optional.ofNullable((T) objects.get(kind).get(key(kind.namespaced() ? namespace : null, name)));
    }

    @SuppressWarnings("unchecked")
    public <T extends KubeObject> List<T> list(Kind kind) {
        return (List<T>) List.copyOf(objects.get(kind).values());
    }

    @SuppressWarnings("unchecked")
    public <T extends KubeObject> List<T> list(Kind kind, String namespace) {
        if (namespace == null || !kind.namespaced()) {
            return list(kind);
        }
        List<T> out = new ArrayList<>();
        for (KubeObject o : objects.get(kind).tailMap(namespace + "/").values()) {
            if (!namespace.equals(o.namespace())) {
                break;
            }
            out.add((T) o);
        }
        return out;
    }

    /**
     * The plan's revision: moves on every write of its content (an object, a kept object, the settings, the
     * apiservers) and never on the clock alone. Two states of one plan (its copies and snapshots included) with the
     * same revision hold the same content.
     */
    public long revision() {
        return revision;
    }

    /** The same as {@link #revision()}, under its older name. */
    public long contentVersion() {
        return revision;
    }

    /**
     * A Node's {@code spec.podCIDRs}: a Node object's as stored, else, for a Node of the plan's node list, the ones
     * kube-controller-manager's range allocator wrote; empty when it has none (yet).
     */
    public List<String> nodePodCidrs(String node) {
        for (KeptObject k : kept.values()) {
            if (NodeObjects.isNode(k) && node.equals(k.name())) {
                return NodeObjects.podCidrs(k);
            }
        }
        return nodeIpam == null ? List.of() : nodeIpam.planNodeCidrs(node);
    }

    /**
     * Whether the node IPAM controller has anything to look at: it never ran, a Node object or the settings changed
     * since, or a Node's retry is due.
     */
    boolean nodeIpamDue() {
        if (nodeIpam == null || nodeObjectsVersion != nodeIpamSeenVersion || settings != nodeIpamSeenSettings) {
            return true;
        }
        for (NodeIpamState.Retry r : nodeIpam.retries().values()) {
            if (!r.due().isAfter(now)) {
                return true;
            }
        }
        return false;
    }

    void nodeIpamLooked() {
        nodeIpamSeenVersion = nodeObjectsVersion;
        nodeIpamSeenSettings = settings;
    }

    /** The node IPAM controller's state after its last step (null before it first ran). */
    public NodeIpamState nodeIpam() {
        return nodeIpam;
    }

    /** Objects of kinds the model keeps but does not simulate, in the order they came. */
    public List<KeptObject> kept() {
        return List.copyOf(kept.values());
    }

    public int count(Kind kind) {
        return objects.get(kind).size();
    }

    public Collection<KubeObject> all() {
        List<KubeObject> out = new ArrayList<>();
        for (TreeMap<String, KubeObject> m : objects.values()) {
            out.addAll(m.values());
        }
        return out;
    }

    /** The audit annotations policies added to admitted writes (the latest {@value #AUDIT_LIMIT}), oldest first. */
    List<ApiServer.AuditEntry> auditLog() {
        return List.copyOf(audit);
    }

    // ---- journalled changes ----

    private void contentChanged() {
        revision = revisions.incrementAndGet();
    }

    private void journal(Runnable takeBack) {
        if (journal != null) {
            journal.record(takeBack);
        }
    }

    /** How to put back the parts a savepoint copies rather than journals: clock, counters, timers, flags. */
    Runnable captureScalars() {
        ClusterSettings settingsAt = settings;
        Instant nowAt = now;
        long resourceVersionAt = resourceVersion;
        long uidCounterAt = uidCounter;
        long randomDrawsAt = randomDraws;
        Instant nextSyncAt = nextDefaultControllerSync;
        Instant nextRepairAt = nextRepair;
        Instant requeueAt = earliestRequeue;
        NodeIpamState nodeIpamAt = nodeIpam;
        long nodeObjectsVersionAt = nodeObjectsVersion;
        long nodeIpamSeenVersionAt = nodeIpamSeenVersion;
        ClusterSettings nodeIpamSeenSettingsAt = nodeIpamSeenSettings;
        long revisionAt = revision;
        BitSet nodePortsAt = (BitSet) nodePorts.clone();
        List<ApiServerInstance> apiServersAt = List.copyOf(apiServers);
        List<Cidr> bitmapRangesAt = List.copyOf(legacyBitmapRanges);
        return () -> {
            settings = settingsAt;
            now = nowAt;
            resourceVersion = resourceVersionAt;
            uidCounter = uidCounterAt;
            randomDraws = randomDrawsAt;
            nextDefaultControllerSync = nextSyncAt;
            nextRepair = nextRepairAt;
            earliestRequeue = requeueAt;
            nodeIpam = nodeIpamAt;
            nodeObjectsVersion = nodeObjectsVersionAt;
            nodeIpamSeenVersion = nodeIpamSeenVersionAt;
            nodeIpamSeenSettings = nodeIpamSeenSettingsAt;
            revision = revisionAt;
            nodePorts.clear();
            nodePorts.or(nodePortsAt);
            apiServers.clear();
            apiServers.addAll(apiServersAt);
            legacyBitmapRanges.clear();
            legacyBitmapRanges.addAll(bitmapRangesAt);
        };
    }

    void put(KubeObject o) {
        TreeMap<String, KubeObject> map = objects.get(o.kind());
        String key = key(o);
        KubeObject previous = map.put(key, o);
        objectChanged(o.kind());
        journal(() -> {
            if (previous == null) {
                map.remove(key);
            } else {
                map.put(key, previous);
            }
            objectChanged(o.kind());
        });
        if (o instanceof IpAddressObject ip && previous == null) {
            addressOf(ip).ifPresent(this::markUsed);
        }
    }

    void remove(KubeObject o) {
        TreeMap<String, KubeObject> map = objects.get(o.kind());
        String key = key(o);
        KubeObject previous = map.remove(key);
        if (previous == null) {
            return;
        }
        objectChanged(o.kind());
        journal(() -> {
            map.put(key, previous);
            objectChanged(o.kind());
        });
        if (previous instanceof IpAddressObject ip) {
            addressOf(ip).ifPresent(this::unmarkUsed);
        }
    }

    private void objectChanged(Kind kind) {
        if (kind == Kind.SERVICE_CIDR) {
            serviceCidrVersion++;
        }
        contentChanged();
    }

    /** Marks an address taken in the allocator's view (an allocation before its IPAddress object exists). */
    void markUsed(IpAddress ip) {
        UsedAddressSet set = used.get(ip.family());
        if (set.add(ip)) {
            journal(() -> set.remove(ip));
        }
    }

    void unmarkUsed(IpAddress ip) {
        UsedAddressSet set = used.get(ip.family());
        if (set.remove(ip)) {
            journal(() -> set.add(ip));
        }
    }

    void keep(KeptObject o) {
        KeptObject previous = kept.put(o.key(), o);
        contentChanged();
        if (NodeObjects.isNode(o)) {
            nodeObjectsVersion++;
        }
        journal(() -> {
            if (previous == null) {
                kept.remove(o.key());
            } else {
                kept.put(o.key(), previous);
            }
        });
    }

    void removeKept(String key) {
        if (!kept.containsKey(key)) {
            return;
        }
        // Putting it back must keep the order they came in: journal the whole (small, rarely removed) map.
        Map<String, KeptObject> before = journal != null && journal.recording() ? new LinkedHashMap<>(kept) : null;
        KeptObject removed = kept.remove(key);
        contentChanged();
        if (NodeObjects.isNode(removed)) {
            nodeObjectsVersion++;
        }
        if (before != null) {
            journal(() -> {
                kept.clear();
                kept.putAll(before);
            });
        }
    }

    void setSettings(ClusterSettings next) {
        if (!next.equals(settings)) {
            settings = next;
            contentChanged();
        }
    }

    void setApiServer(int index, ApiServerInstance a) {
        apiServers.set(index, a);
        initLegacyBitmaps(a);
        contentChanged();
    }

    void addApiServer(ApiServerInstance a) {
        apiServers.add(a);
        initLegacyBitmaps(a);
        contentChanged();
    }

    /**
     * What a starting kube-apiserver does to the legacy bitmaps ({@code storage_core.go}): a key that does not exist
     * yet is created with this apiserver's range; one that exists is left as it is, whatever range it holds.
     */
    private void initLegacyBitmaps(ApiServerInstance a) {
        List<Cidr> ranges = a.flags().ranges();
        for (int i = legacyBitmapRanges.size(); i < ranges.size(); i++) {
            legacyBitmapRanges.add(ranges.get(i));
        }
    }

    /** The range the legacy bitmap key at {@code index} (0 primary, 1 secondary) holds, if it exists. */
    public Optional<Cidr> legacyBitmapRange(int index) {
        return index < legacyBitmapRanges.size() ? Optional.of(legacyBitmapRanges.get(index))
                : Optional.empty();
    }

    void removeApiServer(int index) {
        apiServers.remove(index);
        contentChanged();
    }

    /** Queues an object for the repair loop's next pass (an informer's update). */
    void markDirty(String key) {
        if (dirty.add(key)) {
            journal(() -> dirty.remove(key));
        }
    }

    boolean hasDirty() {
        return !dirty.isEmpty();
    }

    /** Empties the repair loop's queue, returning what was in it in order. */
    List<String> takeDirty() {
        List<String> keys = new ArrayList<>(dirty);
        if (!keys.isEmpty()) {
            dirty.clear();
            journal(() -> dirty.addAll(keys));
        }
        return keys;
    }

    /** Queues an object to be checked again at {@code when} (the work queue's {@code AddAfter}). */
    void recheckAt(Instant when, String key) {
        Set<String> keys = rechecks.computeIfAbsent(when, w -> new LinkedHashSet<>());
        if (keys.add(key)) {
            journal(() -> {
                Set<String> at = rechecks.get(when);
                at.remove(key);
                if (at.isEmpty()) {
                    rechecks.remove(when);
                }
            });
        }
    }

    /** The earliest queued re-check, or null. */
    Instant firstRecheck() {
        return rechecks.isEmpty() ? null : rechecks.firstKey();
    }

    /** Moves every re-check due by now into the repair loop's queue. */
    void queueDueRechecks() {
        while (!rechecks.isEmpty() && !rechecks.firstKey().isAfter(now)) {
            Map.Entry<Instant, Set<String>> due = rechecks.pollFirstEntry();
            journal(() -> rechecks.put(due.getKey(), due.getValue()));
            due.getValue().forEach(this::markDirty);
        }
    }

    /** The Event that already counts an occurrence with this identity, if the correlator knows one. */
    String correlatedEvent(String identity) {
        return eventIndex.get(identity);
    }

    void indexEvent(String identity, String eventName) {
        String previous = eventIndex.put(identity, eventName);
        journal(() -> {
            if (previous == null) {
                eventIndex.remove(identity);
            } else {
                eventIndex.put(identity, previous);
            }
        });
    }

    void appendAudit(ApiServer.AuditEntry entry) {
        audit.addLast(entry);
        journal(audit::removeLast);
        while (audit.size() > AUDIT_LIMIT) {
            ApiServer.AuditEntry dropped = audit.removeFirst();
            journal(() -> audit.addFirst(dropped));
        }
    }

    static Optional<IpAddress> addressOf(IpAddressObject ip) {
        return IpParsing.parseIpSloppy(ip.name());
    }
}
