package dev.cidrstudio.model.cluster;

import dev.cidrstudio.model.allocator.RandomSource;
import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.api.KubeObject;
import dev.cidrstudio.model.api.ObjectMeta;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The storage under every kind's strategy ({@code registry/generic/registry.Store}): server-owned metadata (UIDs,
 * resourceVersions, creation time), the seeded random draws, and the writes themselves, each one queued for the
 * repair loop when it concerns a Service or an IPAddress.
 */
final class GenericStore {

    private final ApiServer api;

    GenericStore(ApiServer api) {
        this.api = api;
    }

    ClusterState state() {
        return api.state();
    }

    ObjectMeta newMeta(ObjectMeta m) {
        return m.created(nextUid(), nextResourceVersion(), state().now);
    }

    String nextResourceVersion() {
        ClusterState s = state();
        s.resourceVersion++;
        return Long.toString(s.resourceVersion);
    }

    /** A random-looking version-4 UID that replays identically from the plan's seed. */
    String nextUid() {
        ClusterState s = state();
        s.uidCounter++;
        SplittableRandom r = new SplittableRandom(s.settings.randomSeed() * 31 + s.uidCounter);
        long msb = (r.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (r.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb).toString();
    }

    RandomSource nextRandom() {
        ClusterState s = state();
        s.randomDraws++;
        return new RandomSource(s.settings.randomSeed(), s.randomDraws);
    }

    KubeObject store(KubeObject o) {
        KubeObject withRv = o.withMeta(o.meta().withResourceVersion(nextResourceVersion()));
        put(withRv);
        return withRv;
    }

    /** Stores an object keeping the resourceVersion it already has (a restore), else assigning one. */
    KubeObject storeAsIs(KubeObject o) {
        String rv = o.meta().resourceVersion();
        if (rv == null || !rv.matches("[0-9]{1,18}")) {
            return store(o);
        }
        ClusterState s = state();
        s.resourceVersion = Math.max(s.resourceVersion, Long.parseLong(rv));
        put(o);
        return o;
    }

    private void put(KubeObject o) {
        ClusterState s = state();
        s.put(o);
        if (o.kind() == Kind.SERVICE || o.kind() == Kind.IP_ADDRESS) {
            s.markDirty(o.kind() + "/" + ClusterState.key(o));
        }
    }

    void remove(KubeObject o) {
        state().remove(o);
    }
}
