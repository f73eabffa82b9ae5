package dev.cidrstudio.app;

import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.api.KubeObject;
import dev.cidrstudio.model.cluster.ClusterState;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What one change of the open plan did: why it happened, the plan's revision before and after, and which kinds of
 * object, kept objects or cluster settings it touched. Views use it to update only what changed; a change with
 * nothing touched (a save, a new recent file) only concerns the title and menus.
 */
public record PlanChange(Cause cause, long oldRevision, long newRevision, Set<Kind> kinds, boolean keptChanged,
        boolean settingsChanged) {

    /** Why the plan changed. */
    public enum Cause {
        /** A command changed the plan. */
        EDIT,
        UNDO,
        REDO,
        /** Another plan was opened, made new, or recovered: everything may differ. */
        REPLACED,
        /** The plan was saved: only its name, file and unsaved mark changed. */
        SAVED
    }

    public PlanChange {
        kinds = Set.copyOf(kinds);
    }

    /** A change that replaced the whole plan. */
    static PlanChange replaced(long oldRevision, long newRevision) {
        return new PlanChange(Cause.REPLACED, oldRevision, newRevision, EnumSet.allOf(Kind.class), true, true);
    }

    /** A change of the plan's file or unsaved mark only. */
    static PlanChange saved(long revision) {
        return new PlanChange(Cause.SAVED, revision, revision, Set.of(), false, false);
    }

    /** What differs between two states of the plan, found by comparing the stored objects kind by kind. */
    static PlanChange between(Cause cause, ClusterState before, ClusterState after) {
        EnumSet<Kind> kinds = EnumSet.noneOf(Kind.class);
        for (Kind k : Kind.values()) {
            if (!sameObjects(before.list(k), after.list(k))) {
                kinds.add(k);
            }
        }
        return new PlanChange(cause, before.revision(), after.revision(), kinds,
                !before.kept().equals(after.kept()),
                !before.settings().equals(after.settings()) || !before.apiServers().equals(after.apiServers()));
    }

    /** Objects are immutable values shared between copies of the plan, so an unchanged one is the same instance. */
    private static boolean sameObjects(List<KubeObject> a, List<KubeObject> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the plan's content changed at all (objects, kept objects or settings). */
    public boolean contentChanged() {
        return !kinds.isEmpty() || keptChanged || settingsChanged;
    }

    /** Whether any of these kinds changed, or the settings did (which every view of the cluster depends on). */
    public boolean touches(Kind... any) {
        if (settingsChanged) {
            return true;
        }
        for (Kind k : any) {
            if (kinds.contains(k)) {
                return true;
            }
        }
        return false;
    }
}
