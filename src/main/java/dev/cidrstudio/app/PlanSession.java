package dev.cidrstudio.app;

import dev.cidrstudio.io.manifest.Decoded;
import dev.cidrstudio.io.plan.StateFile;
import dev.cidrstudio.model.cluster.ApiException;
import dev.cidrstudio.model.cluster.ApiServer;
import dev.cidrstudio.model.cluster.ClusterState;
import dev.cidrstudio.model.cluster.Transaction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The plan the user has open, and the one door through which it changes. The session owns the plan's control plane;
 * everything else reads the published snapshot ({@link #current()}, {@link #view()}) and submits
 * {@link PlanCommand}s. Each command runs as one transaction under the session's lock, so writers on several
 * threads (the window, a script on a worker, network clients) take turns; a command that changes the plan's content
 * is one undo step, one that changes nothing leaves no trace (not even the simulated clock's move). Listeners hear a
 * {@link PlanChange} after each change, on the thread that made it. Saves, exports and recovery copies are written
 * from published snapshots, atomically.
 */
public final class PlanSession {

    public static final String EXTENSION = ".cidrplan.yaml";
    static final String RECENT = "recent-files.txt";
    static final int MAX_RECENT = 10;
    static final System.Logger LOG = System.getLogger("dev.cidrstudio.app");

    private final Path configDir;
    private final RecoveryStore recovery;
    /** Held by whoever changes the plan, its file or its undo history. */
    private final ReentrantLock door = new ReentrantLock();
    /** The live control plane: only touched while holding {@link #door}. */
    private ApiServer api;
    /** The plan as of the last change; replaced (never changed) after each one. */
    private volatile ClusterState published;
    private volatile ApiServer publishedView;
    private volatile Path file;
    private volatile String name;
    private volatile boolean dirty;
    private PlanFileLock fileLock;
    /** The top of the undo stack when the plan was last opened or saved ({@link #BASE} for an empty stack). */
    private Object cleanAt;
    private static final Object BASE = new Object();
    private static final Object NEVER = new Object();
    /** A plan made by File > New and not changed since: an import may still set its Service range. */
    private boolean fresh;
    private final List<Consumer<PlanChange>> listeners = new CopyOnWriteArrayList<>();
    private final ArrayDeque<Edit> undo = new ArrayDeque<>();
    private final ArrayDeque<Edit> redo = new ArrayDeque<>();

    /** One undoable change of the plan: the cluster before and after it. */
    private record Edit(String label, ClusterState before, ClusterState after) {
    }

    /** What a command did: the warnings kubectl would print, and whether the plan changed. */
    public record Outcome(List<String> warnings, boolean changed, long revision) {
    }

    public PlanSession(Path configDir, ApiServer api, String name) {
        this.configDir = configDir;
        this.recovery = RecoveryStore.forThisProcess(configDir);
        this.api = api;
        this.name = name;
        this.cleanAt = BASE;
        publish();
    }

    /** The built-in demo plan, unsaved. */
    public static PlanSession demo(Path configDir) {
        return new PlanSession(configDir, DemoPlan.load().api(), DemoPlan.NAME);
    }

    /**
     * Where settings live by default: the {@code cidrstudio.configDir} system property, else the user's config
     * directory ({@link #configDirFor}). A {@code ~/.cidrstudio} of an earlier version is moved there once.
     */
    public static Path defaultConfigDir() {
        String override = System.getProperty("cidrstudio.configDir");
        if (override != null) {
            return Path.of(override);
        }
        String home = System.getProperty("user.home");
        Path dir = configDirFor(System.getProperty("os.name", ""), System.getenv(), home);
        Path legacy = Path.of(home, ".cidrstudio");
        if (!Files.exists(dir) && Files.isDirectory(legacy)) {
            try {
                Files.createDirectories(dir.getParent());
                Files.move(legacy, dir);
            } catch (IOException | UnsupportedOperationException e) {
                return legacy;
            }
        }
        return dir;
    }

    /**
     * The per-user config directory of each system: {@code $XDG_CONFIG_HOME/cidrstudio} (default
     * {@code ~/.config/cidrstudio}) on Linux and other Unixes, {@code ~/Library/Application Support/CIDR Studio}
     * on macOS, {@code %APPDATA%\CIDR Studio} on Windows.
     */
    public static Path configDirFor(String osName, Map<String, String> env, String home) {
        String os = osName.toLowerCase(java.util.Locale.ROOT);
        if (os.startsWith("windows")) {
            String appData = env.get("APPDATA");
            return appData != null && !appData.isBlank() ? Path.of(appData, "CIDR Studio")
                    : Path.of(home, "AppData", "Roaming", "CIDR Studio");
        }
        if (os.startsWith("mac")) {
            return Path.of(home, "Library", "Application Support", "CIDR Studio");
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        // The XDG spec: a relative value is invalid and ignored.
        return xdg != null && xdg.startsWith("/") ? Path.of(xdg, "cidrstudio") : Path.of(home, ".config", "cidrstudio");
    }

    /** Where settings, recent files and the recovery copies live. */
    public Path configDir() {
        return configDir;
    }

    /** The plan as of its last change: an immutable snapshot, safe to read on any thread. */
    public ClusterState current() {
        return published;
    }

    /**
     * A read-only API server over {@link #current()}, for code that reads through an API server's reads (find,
     * list, settings). It is a copy: writing to it never reaches the plan (submit a {@link PlanCommand} for that).
     */
    public ApiServer view() {
        ApiServer v = publishedView;
        if (v == null) {
            synchronized (this) {
                v = publishedView;
                if (v == null) {
                    v = ApiServer.fromState(published);
                    publishedView = v;
                }
            }
        }
        return v;
    }

    /** The plan's revision: it moves exactly when the plan's content changes. */
    public long revision() {
        return published.revision();
    }

    private void publish() {
        published = api.snapshot();
        publishedView = null;
    }

    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    public String name() {
        return name;
    }

    public boolean dirty() {
        return dirty;
    }

    /** The window title: the app, the plan's name, and a star when it has unsaved changes. */
    public String title() {
        return "CIDR Studio - " + name + (dirty ? " *" : "");
    }

    /** Hears every change of the plan, on the thread that made it, in order. */
    public void onChange(Consumer<PlanChange> listener) {
        listeners.add(listener);
    }

    /** Stops a listener given to {@link #onChange} from hearing changes. */
    public void removeOnChange(Consumer<PlanChange> listener) {
        listeners.remove(listener);
    }

    private void fire(PlanChange change) {
        for (Consumer<PlanChange> l : listeners) {
            l.accept(change);
        }
    }

    /**
     * Marks the plan changed by an undo step (every edit, undo and redo calls this). It is unsaved unless Undo or
     * Redo brought it back to where it was opened or last saved; then the recovery copy of the changes goes too.
     */
    private void touched() {
        Edit top = undo.peek();
        dirty = (top == null ? BASE : top) != cleanAt;
        fresh = false;
        if (!dirty) {
            discardRecoveryQuietly();
        }
    }

    private void discardRecoveryQuietly() {
        try {
            synchronized (recovery) {
                recovery.discardOwn();
            }
        } catch (IOException e) {
            // A stale recovery copy is only offered, never applied unasked.
            LOG.log(System.Logger.Level.WARNING, "cannot remove the recovery copy", e);
        }
    }

    /** Where the plan is now is its saved state. */
    private void markClean() {
        Edit top = undo.peek();
        cleanAt = top == null ? BASE : top;
        dirty = false;
    }

    /**
     * Opens a plan file in place of the current plan. A file that is not a plan (manifests, a kubectl dump) opens
     * as an untitled plan named after it, so Save asks where and never rewrites the dump.
     */
    public PlanLoader.Result open(Path path) throws IOException, ManifestImport.ImportException {
        return open(path, () -> false);
    }

    /**
     * As {@link #open(Path)}; {@code cancelled} stops loading, and the open plan stays. A plan file another window
     * has open is refused with a message that says so.
     */
    public PlanLoader.Result open(Path path, BooleanSupplier cancelled)
            throws IOException, ManifestImport.ImportException {
        PlanLoader.Result r = PlanLoader.load(List.of(new ManifestImport.Source(path.toString(),
                LocalFiles.read(path))), cancelled);
        String fileName = path.getFileName().toString();
        boolean plan = r.plan() || fileName.endsWith(EXTENSION);
        if (!r.plan()) {
            // A dump has no Cluster document: the cluster is named after the file, not the defaults' "demo".
            r.api().renameCluster(clusterName(untitledName(fileName)));
        }
        door.lock();
        try {
            PlanFileLock newLock = plan ? lockFor(path) : null;
            replace(r.api(), plan ? path : null, plan ? fileName : untitledName(fileName), false, newLock);
            markClean();
        } finally {
            door.unlock();
        }
        remember(path);
        fire(PlanChange.replaced(0, revision()));
        return r;
    }

    /** The lock of a plan file, unless this session holds it already. */
    private PlanFileLock lockFor(Path path) throws IOException {
        if (fileLock != null && file != null && PlanFileLock.lockFileOf(file).equals(PlanFileLock.lockFileOf(path))) {
            return fileLock;
        }
        return PlanFileLock.acquire(path);
    }

    /** Puts another plan in place of this one; the caller holds the door. */
    private void replace(ApiServer next, Path nextFile, String nextName, boolean isFresh, PlanFileLock nextLock) {
        if (fileLock != null && fileLock != nextLock) {
            fileLock.close();
        }
        fileLock = nextLock;
        api = next;
        file = nextFile;
        name = nextName;
        fresh = isFresh;
        undo.clear();
        redo.clear();
        discardRecoveryQuietly();
        publish();
    }

    private static final String UNTITLED = "untitled" + EXTENSION;

    /** The cluster's name for a plan file name: {@code dump.cidrplan.yaml} names the cluster {@code dump}. */
    static String clusterName(String planName) {
        return planName.substring(0, planName.length() - EXTENSION.length());
    }

    /** The plan name a non-plan file opens under: {@code dump.yaml} becomes {@code dump.cidrplan.yaml}. */
    static String untitledName(String fileName) {
        String base = fileName;
        for (String ext : List.of(EXTENSION, ".yaml", ".yml", ".json")) {
            if (base.toLowerCase(java.util.Locale.ROOT).endsWith(ext) && base.length() > ext.length()) {
                base = base.substring(0, base.length() - ext.length());
                break;
            }
        }
        return base + EXTENSION;
    }

    /** A fresh cluster with default settings. */
    public void newPlan() {
        newPlan(PlanLoader.empty());
    }

    /** A fresh, untitled plan of this cluster (File > New with the settings asked for). */
    public void newPlan(ApiServer cluster) {
        cluster.renameCluster(clusterName(UNTITLED));
        door.lock();
        try {
            replace(cluster, null, UNTITLED, true, null);
            markClean();
        } finally {
            door.unlock();
        }
        fire(PlanChange.replaced(0, revision()));
    }

    /** The built-in demo plan in place of this one, unsaved (Save asks where). */
    public void openDemo() {
        ApiServer demo = DemoPlan.load().api();
        door.lock();
        try {
            replace(demo, null, DemoPlan.NAME, false, null);
            markClean();
        } finally {
            door.unlock();
        }
        fire(PlanChange.replaced(0, revision()));
    }

    /** Imports files into the open plan: all or nothing, one undo step. */
    public ManifestImport.Report importFiles(List<ManifestImport.Source> sources) throws ManifestImport.ImportException {
        return importFiles(sources, () -> false);
    }

    /** As {@link #importFiles(List)}; {@code cancelled} stops it between objects, leaving the plan as it was. */
    public ManifestImport.Report importFiles(List<ManifestImport.Source> sources,
            BooleanSupplier cancelled) throws ManifestImport.ImportException {
        List<Decoded> docs = ManifestImport.decode(sources);
        if (cancelled.getAsBoolean()) {
            throw new ManifestImport.ImportException(List.of(ManifestImport.CANCELLED));
        }
        ManifestImport.Report[] report = new ManifestImport.Report[1];
        List<Finding> adopted = new ArrayList<>();
        try {
            run("Import", cluster -> {
                if (fresh) {
                    adoptInferredRange(cluster, docs, adopted);
                }
                try {
                    report[0] = ManifestImport.apply(cluster, docs, cancelled);
                } catch (ManifestImport.ImportException e) {
                    throw new Refused(e);
                }
            });
        } catch (Refused e) {
            throw e.cause;
        } catch (ApiException e) {
            throw new IllegalStateException(e);
        }
        if (adopted.isEmpty()) {
            return report[0];
        }
        adopted.addAll(report[0].findings());
        return new ManifestImport.Report(report[0].countsByKind(), adopted);
    }

    /** An import into a new, untouched plan takes the Service range its objects imply. */
    private static void adoptInferredRange(ApiServer cluster, List<Decoded> docs, List<Finding> adopted) {
        var inferred = ClusterInference.forNewPlan(docs, cluster.settings());
        if (inferred.isEmpty()) {
            return;
        }
        try {
            cluster.restore(ApiServer.bootstrap(inferred.get().settings()).snapshot());
            adopted.add(new Finding(Finding.Severity.INFO, null, null, inferred.get().note()));
        } catch (dev.cidrstudio.model.cluster.ClusterConfigException e) {
            adopted.add(new Finding(Finding.Severity.WARNING, null, null, "the plan keeps its Service range: "
                    + String.join("; ", e.errors())));
        }
    }

    /** Carries an import's refusal through a command, which takes the plan back. */
    private static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient ManifestImport.ImportException cause;

        Refused(ManifestImport.ImportException cause) {
            super(null, null, false, false);
            this.cause = cause;
        }
    }

    /** A change of the plan through its API server. */
    @FunctionalInterface
    public interface Change {
        void apply(ApiServer api) throws ApiException;
    }

    /**
     * Applies a change as one undoable edit: all of it, or (when the API server refuses a part) none of it.
     * Returns the admission warnings kubectl would print.
     */
    public List<String> edit(String label, Change change) throws ApiException {
        return run(label, change).warnings();
    }

    private Outcome run(String label, Change change) throws ApiException {
        return submit(PlanCommand.of(label, change));
    }

    /**
     * Runs a command as one transaction on the plan. When it throws, the plan is as it was. When it changed the
     * plan's content, it is one undo step and the plan is unsaved; when it changed nothing (a read, or writes that
     * were all refused), the plan is exactly as it was, clock included, and there is no undo step.
     */
    public Outcome submit(PlanCommand command) throws ApiException {
        PlanChange change;
        Outcome outcome;
        door.lock();
        try {
            ClusterState before = published;
            Optional<String> why = command.whyNotExecutable(before);
            if (why.isPresent()) {
                throw new IllegalStateException(command.description() + ": " + why.get());
            }
            api.takeWarnings();
            long settled;
            Transaction tx = api.begin();
            try {
                command.settle(api);
                settled = api.revision();
                command.execute(api);
            } catch (ApiException | RuntimeException | Error e) {
                tx.rollback();
                api.takeWarnings();
                throw e;
            }
            List<String> warnings = api.takeWarnings();
            if (api.revision() == settled) {
                // Reads never change the plan's identity: not even the clock they moved stays.
                tx.rollback();
                return new Outcome(warnings, false, before.revision());
            }
            tx.commit();
            publish();
            ClusterState after = published;
            undo.push(new Edit(command.description(), before, after));
            redo.clear();
            touched();
            change = PlanChange.between(PlanChange.Cause.EDIT, before, after);
            outcome = new Outcome(warnings, true, after.revision());
            fire(change);
        } finally {
            door.unlock();
        }
        return outcome;
    }

    /** What Undo would take back ("Import"), if anything. */
    public Optional<String> undoLabel() {
        door.lock();
        try {
            return Optional.ofNullable(undo.peek()).map(Edit::label);
        } finally {
            door.unlock();
        }
    }

    public Optional<String> redoLabel() {
        door.lock();
        try {
            return Optional.ofNullable(redo.peek()).map(Edit::label);
        } finally {
            door.unlock();
        }
    }

    /** Puts the plan back as it was before the last edit. */
    public void undo() {
        step(undo, redo, true);
    }

    /** Applies again the edit Undo took back. */
    public void redo() {
        step(redo, undo, false);
    }

    private void step(ArrayDeque<Edit> from, ArrayDeque<Edit> to, boolean back) {
        door.lock();
        try {
            Edit e = from.poll();
            if (e == null) {
                return;
            }
            ClusterState was = published;
            api.restore(back ? e.before() : e.after());
            publish();
            to.push(e);
            touched();
            fire(PlanChange.between(back ? PlanChange.Cause.UNDO : PlanChange.Cause.REDO, was, published));
        } finally {
            door.unlock();
        }
    }

    /** Writes the plan to a file (atomically, keeping the file's permissions); the plan then belongs to it. */
    public void saveAs(Path path) throws IOException {
        ClusterState snapshot;
        Object top;
        door.lock();
        try {
            snapshot = published;
            top = undo.peek() == null ? BASE : undo.peek();
        } finally {
            door.unlock();
        }
        PlanFileLock newLock = lockFor(path);
        try {
            StateFile.writeAtomically(path, ManifestExport.export(ApiServer.fromState(snapshot),
                    ManifestExport.Options.PLAN));
        } catch (IOException | RuntimeException e) {
            if (newLock != fileLock && newLock != null) {
                newLock.close();
            }
            throw e;
        }
        door.lock();
        try {
            if (fileLock != null && fileLock != newLock) {
                fileLock.close();
            }
            fileLock = newLock;
            file = path;
            name = path.getFileName().toString();
            cleanAt = top;
            Edit now = undo.peek();
            dirty = (now == null ? BASE : now) != cleanAt;
            if (!dirty) {
                discardRecoveryQuietly();
            }
        } finally {
            door.unlock();
        }
        remember(path);
        fire(PlanChange.saved(snapshot.revision()));
    }

    public void export(Path path, ManifestExport.Options options) throws IOException {
        StateFile.writeAtomically(path, ManifestExport.export(ApiServer.fromState(published), options));
    }

    /**
     * Writes this window's recovery copy when there are unsaved changes; returns whether it wrote. It reads the
     * published snapshot only, so it may run on any thread while the plan changes.
     */
    public boolean autosave() throws IOException {
        if (!dirty) {
            return false;
        }
        ClusterState snapshot = published;
        String text = ManifestExport.export(ApiServer.fromState(snapshot), ManifestExport.Options.PLAN);
        // Not the door: a long script holds that while it runs, and the copy of what was published must not wait.
        synchronized (recovery) {
            // A save or an undo back to the saved plan may have come in the meantime.
            if (!dirty) {
                return false;
            }
            Files.createDirectories(configDir);
            recovery.write(text, Optional.ofNullable(file), name);
        }
        return true;
    }

    /** This window's recovery copy, if it wrote one. */
    public Optional<Path> recoveryFile() {
        return recovery.hasOwn() ? Optional.of(recovery.ownFile()) : Optional.empty();
    }

    /** The recovery copies of windows that ended without saving (a crash), newest first. */
    public List<RecoveryStore.Copy> orphanedRecoveries() {
        return recovery.orphans();
    }

    /**
     * Opens a recovery copy as the unsaved plan: it belongs to the plan file it was a copy of (Save writes there), and
     * becomes this window's recovery copy until then.
     */
    public void recover(RecoveryStore.Copy copy) throws IOException, ManifestImport.ImportException {
        PlanLoader.Result r = PlanLoader.load("recovered plan", LocalFiles.read(copy.file()));
        door.lock();
        try {
            PlanFileLock newLock = copy.planFile().isPresent() ? lockFor(copy.planFile().get()) : null;
            replace(r.api(), copy.planFile().orElse(null), copy.name(), false, newLock);
            cleanAt = NEVER;
            dirty = true;
            recovery.adopt(copy);
        } finally {
            door.unlock();
        }
        fire(PlanChange.replaced(0, revision()));
    }

    /** Removes a recovery copy that is not wanted back. */
    public void discardRecovery(RecoveryStore.Copy copy) throws IOException {
        recovery.discard(copy);
    }

    /**
     * Lets go of the plan file's lock and removes this window's recovery copy: the window is closing, and the user
     * has saved or chosen to discard the changes.
     */
    public void close() {
        door.lock();
        try {
            discardRecoveryQuietly();
            if (fileLock != null) {
                fileLock.close();
                fileLock = null;
            }
        } finally {
            door.unlock();
        }
    }

    public List<Path> recentFiles() {
        Path p = configDir.resolve(RECENT);
        if (!Files.isRegularFile(p)) {
            return List.of();
        }
        try {
            return Files.readAllLines(p).stream().filter(l -> !l.isBlank()).map(Path::of).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private void remember(Path path) throws IOException {
        List<Path> recent = new ArrayList<>(recentFiles());
        Path abs = path.toAbsolutePath().normalize();
        recent.remove(abs);
        recent.add(0, abs);
        while (recent.size() > MAX_RECENT) {
            recent.remove(recent.size() - 1);
        }
        Files.createDirectories(configDir);
        StateFile.writePrivately(configDir.resolve(RECENT),
                String.join("\n", recent.stream().map(Path::toString).toList()) + "\n");
    }
}
