package dev.cidrstudio.model.cluster;

import dev.cidrstudio.model.allocator.UsedAddressSet;
import dev.cidrstudio.model.api.IpAddressObject;
import dev.cidrstudio.model.api.KeptObject;
import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.api.KubeObject;
import dev.cidrstudio.model.net.IpAddress;
import dev.cidrstudio.model.net.IpFamily;
import dev.cidrstudio.model.net.IpParsing;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything the simulated cluster holds: the objects (as etcd holds them, ordered by key), the clock, counters,
 * and the allocator's view of which addresses have IPAddress objects. Only {@link ApiServer} changes it.
 */
public final class ClusterState {

    /** The simulated clock starts here, so a plan replays with the same timestamps. */
    public static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
    public static final int NODE_PORT_BASE = 30000;
    public static final int NODE_PORT_SIZE = 2768;

    ClusterSettings settings;
    Instant now = EPOCH;
    long resourceVersion = 1000;
    long uidCounter;
    long randomDraws;
    Instant nextDefaultControllerSync = EPOCH;
    Instant nextRepair = EPOCH;
    final Map<Kind, TreeMap<String, KubeObject>> objects = new EnumMap<>(Kind.class);
    final Map<IpFamily, UsedAddressSet> used = new EnumMap<>(IpFamily.class);
    final BitSet nodePorts = new BitSet(NODE_PORT_SIZE);
    final List<ApiServerInstance> apiServers = new ArrayList<>();
    final Map<String, KeptObject> kept = new java.util.LinkedHashMap<>();

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
        c.serviceCidrVersion = serviceCidrVersion;
        objects.forEach((k, m) -> c.objects.put(k, new TreeMap<>(m)));
        used.forEach((f, u) -> c.used.put(f, u.copy()));
        c.nodePorts.or(nodePorts);
        c.apiServers.addAll(apiServers);
        c.kept.putAll(kept);
        return c;
    }

    static String key(String namespace, String name) {
        return namespace == null || namespace.isEmpty() ? name : namespace + "/" + name;
    }

    static String key(KubeObject o) {
        return key(o.kind().namespaced() ? o.namespace() : null, o.name());
    }

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

    /** Objects of kinds the model keeps but does not simulate, in the order they came. */
    /**
     * Changes whenever an object is written (the store's resource version) or removed, a kept object is
     * added, replaced or removed, or the control plane's flags change; the clock alone does not change it.
     */
    public long contentVersion() {
        return ((resourceVersion * 31 + all().size()) * 31 + kept.hashCode()) * 31 + settings.hashCode() * 17L
                + apiServers.hashCode();
    }

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

    /** Counts changes to ServiceCIDRs, so parsed prefixes can be cached between them. */
    long serviceCidrVersion;

    /**
     * A point to roll one write back to without copying every object: the object changes after it are journalled,
     * the small parts (counters, the address bitmaps, NodePorts, kept objects) are copied.
     */
    final class Savepoint {
        private final long resourceVersionAt = resourceVersion;
        private final long uidCounterAt = uidCounter;
        private final long randomDrawsAt = randomDraws;
        private final long serviceCidrVersionAt = serviceCidrVersion;
        private final Map<IpFamily, UsedAddressSet> usedAt = new EnumMap<>(IpFamily.class);
        private final BitSet nodePortsAt = (BitSet) nodePorts.clone();
        private final Map<String, dev.cidrstudio.model.api.KeptObject> keptAt = new java.util.LinkedHashMap<>(kept);
        private final List<Runnable> undo = new ArrayList<>();

        Savepoint() {
            used.forEach((f, u) -> usedAt.put(f, u.copy()));
        }
    }

    private Savepoint open;

    /** Starts journalling; only one savepoint is open at a time (the API server's current write). */
    Savepoint savepoint() {
        open = new Savepoint();
        return open;
    }

    /** Keeps what happened since the savepoint. */
    void release(Savepoint sp) {
        if (open == sp) {
            open = null;
        }
    }

    /** Undoes everything since the savepoint. */
    void rollback(Savepoint sp) {
        for (int i = sp.undo.size() - 1; i >= 0; i--) {
            sp.undo.get(i).run();
        }
        resourceVersion = sp.resourceVersionAt;
        uidCounter = sp.uidCounterAt;
        randomDraws = sp.randomDrawsAt;
        serviceCidrVersion = sp.serviceCidrVersionAt;
        used.putAll(sp.usedAt);
        nodePorts.clear();
        nodePorts.or(sp.nodePortsAt);
        kept.clear();
        kept.putAll(sp.keptAt);
        open = null;
    }

    private void journal(Kind kind, String key, KubeObject previous) {
        if (open != null) {
            TreeMap<String, KubeObject> map = objects.get(kind);
            open.undo.add(() -> {
                if (previous == null) {
                    map.remove(key);
                } else {
                    map.put(key, previous);
                }
            });
        }
    }

    void put(KubeObject o) {
        if (o.kind() == Kind.SERVICE_CIDR) {
            serviceCidrVersion++;
        }
        KubeObject previous = objects.get(o.kind()).put(key(o), o);
        journal(o.kind(), key(o), previous);
        if (o instanceof IpAddressObject ip && previous == null) {
            addressOf(ip).ifPresent(a -> used.get(a.family()).add(a));
        }
    }

    void remove(KubeObject o) {
        if (o.kind() == Kind.SERVICE_CIDR) {
            serviceCidrVersion++;
        }
        KubeObject previous = objects.get(o.kind()).remove(key(o));
        if (previous != null) {
            journal(o.kind(), key(o), previous);
        }
        if (previous instanceof IpAddressObject ip) {
            addressOf(ip).ifPresent(a -> used.get(a.family()).remove(a));
        }
    }

    static Optional<IpAddress> addressOf(IpAddressObject ip) {
        return IpParsing.parseIpSloppy(ip.name());
    }
}
