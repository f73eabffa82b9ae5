package dev.cidrstudio.app;

import dev.cidrstudio.io.manifest.Decoded;
import dev.cidrstudio.io.plan.StateFile;
import dev.cidrstudio.model.cluster.ApiException;
import dev.cidrstudio.model.cluster.ApiServer;
import dev.cidrstudio.model.cluster.ClusterState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The plan the user has open: its cluster, its file, whether it has unsaved changes, the recent files, and the
 * recovery copy autosaved beside the user's settings. All file writes are atomic.
 */
public final class PlanSession {

    public static final String EXTENSION = ".cidrplan.yaml";
    static final String RECOVERY = "recovery" + EXTENSION;
    static final String RECENT = "recent-files.txt";
    static final int MAX_RECENT = 10;

    private final Path configDir;
    private ApiServer api;
    private Path file;
    private String name;
    private boolean dirty;
    /** The top of the undo stack when the plan was last opened or saved ({@link #BASE} for an empty stack). */
    private Object cleanAt;
    private static final Object BASE = new Object();
    private static final Object NEVER = new Object();
    /** A plan made by File > New and not changed since: an import may still set its Service range. */
    private boolean fresh;
    private final List<Runnable> listeners = new ArrayList<>();
    private final java.util.ArrayDeque<Edit> undo = new java.util.ArrayDeque<>();
    private final java.util.ArrayDeque<Edit> redo = new java.util.ArrayDeque<>();


    /** One undoable change of the plan: the cluster before and after it. */
    private record Edit(String label, ClusterState before,
            ClusterState after) {
    }

    public PlanSession(Path configDir, ApiServer api, String name) {
        this.configDir = configDir;
        this.api = api;
        this.name = name;
        this.cleanAt = BASE;
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

    /** Where settings, recent files and the recovery copy live. */
    public Path configDir() {
        return configDir;
    }

    public ApiServer api() {
        return api;
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

    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    private void changed() {
        listeners.forEach(Runnable::run);
    }

    /**
     * Marks the plan changed (every edit, undo and redo calls this). It is unsaved unless Undo or Redo brought it
     * back to where it was opened or last saved; then the recovery copy of the changes goes too.
     */
    private void touched() {
        Edit top = undo.peek();
        dirty = (top == null ? BASE : top) != cleanAt;
        fresh = false;
        if (!dirty) {
            try {
                Files.deleteIfExists(configDir.resolve(RECOVERY));
            } catch (IOException e) {
                // Best effort: a stale recovery copy is only offered, never applied unasked.
            }
        }
        changed();
    }

    /** Marks the plan changed by something that is not an edit: it stays unsaved until it is saved. */
    public void markDirty() {
        cleanAt = NEVER;
        touched();
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

    /** As {@link #open(Path)}; {@code cancelled} stops loading, and the open plan stays. */
    public PlanLoader.Result open(Path path, java.util.function.BooleanSupplier cancelled)
            throws IOException, ManifestImport.ImportException {
        PlanLoader.Result r = PlanLoader.load(List.of(new ManifestImport.Source(path.toString(),
                LocalFiles.read(path))), cancelled);
        api = r.api();
        String fileName = path.getFileName().toString();
        boolean plan = r.plan() || fileName.endsWith(EXTENSION);
        file = plan ? path : null;
        name = plan ? fileName : untitledName(fileName);
        fresh = false;
        forgetEdits();
        markClean();
        remember(path);
        changed();
        return r;
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
        api = cluster;
        file = null;
        name = "untitled" + EXTENSION;
        fresh = true;
        forgetEdits();
        markClean();
        changed();
    }

    /** Imports files into the open plan: all or nothing. */
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
        var before = pointBefore();
        List<Finding> adopted = new ArrayList<>();
        if (fresh) {
            var inferred = ClusterInference.forNewPlan(docs, api.settings());
            if (inferred.isPresent()) {
                try {
                    api.restore(ApiServer.bootstrap(inferred.get().settings()).snapshot());
                    adopted.add(new Finding(Finding.Severity.INFO, null, null, inferred.get().note()));
                } catch (dev.cidrstudio.model.cluster.ClusterConfigException e) {
                    adopted.add(new Finding(Finding.Severity.WARNING, null, null, "the plan keeps its Service range: "
                            + String.join("; ", e.errors())));
                }
            }
        }
        ManifestImport.Report report;
        try {
            report = ManifestImport.apply(api, docs, cancelled);
        } catch (ManifestImport.ImportException e) {
            api.restore(before);
            throw e;
        }
        record(new Edit("Import", before, api.snapshot()));
        touched();
        if (adopted.isEmpty()) {
            return report;
        }
        adopted.addAll(report.findings());
        return new ManifestImport.Report(report.countsByKind(), adopted);
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
        var before = pointBefore();
        api.takeWarnings();
        try {
            change.apply(api);
        } catch (ApiException | RuntimeException e) {
            api.restore(before);
            api.takeWarnings();
            throw e;
        }
        record(new Edit(label, before, api.snapshot()));
        touched();
        return api.takeWarnings();
    }

    /**
     * The plan as it is now, for an edit's "before": the last edit's "after" when nothing has changed since (so
     * consecutive edits share one copy of the plan), else a new copy.
     */
    private dev.cidrstudio.model.cluster.ClusterState pointBefore() {
        Edit last = undo.peek();
        if (last != null && last.after().contentVersion() == api.state().contentVersion()
                && last.after().now().equals(api.state().now())) {
            return last.after();
        }
        return api.snapshot();
    }

    private void record(Edit edit) {
        // Unlimited within a session: each edit keeps the plan before and after it.
        undo.push(edit);
        redo.clear();
    }

    private void forgetEdits() {
        undo.clear();
        redo.clear();
    }

    /** What Undo would take back ("Import"), if anything. */
    public Optional<String> undoLabel() {
        return Optional.ofNullable(undo.peek()).map(Edit::label);
    }

    public Optional<String> redoLabel() {
        return Optional.ofNullable(redo.peek()).map(Edit::label);
    }

    /** Puts the plan back as it was before the last edit. */
    public void undo() {
        Edit e = undo.poll();
        if (e != null) {
            api.restore(e.before());
            redo.push(e);
            touched();
        }
    }

    /** Applies again the edit Undo took back. */
    public void redo() {
        Edit e = redo.poll();
        if (e != null) {
            api.restore(e.after());
            undo.push(e);
            touched();
        }
    }

    public void save() throws IOException {
        if (file == null) {
            throw new IllegalStateException("the plan has no file yet: use saveAs");
        }
        saveAs(file);
    }

    public void saveAs(Path path) throws IOException {
        StateFile.writeAtomically(path, ManifestExport.export(api, ManifestExport.Options.PLAN));
        file = path;
        name = path.getFileName().toString();
        markClean();
        remember(path);
        Files.deleteIfExists(configDir.resolve(RECOVERY));
        changed();
    }

    public void export(Path path, ManifestExport.Options options) throws IOException {
        StateFile.writeAtomically(path, ManifestExport.export(api, options));
    }

    /** Writes the recovery copy when there are unsaved changes; returns whether it wrote. */
    public boolean autosave() throws IOException {
        if (!dirty) {
            return false;
        }
        Files.createDirectories(configDir);
        StateFile.writePrivately(configDir.resolve(RECOVERY), ManifestExport.export(api, ManifestExport.Options.PLAN));
        return true;
    }

    /** The recovery copy a crash left behind, if any. */
    public Optional<Path> recoveryFile() {
        Path p = configDir.resolve(RECOVERY);
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    /** Opens the recovery copy as an unsaved plan. */
    public void recover() throws IOException, ManifestImport.ImportException {
        Path p = configDir.resolve(RECOVERY);
        PlanLoader.Result r = PlanLoader.load("recovered plan", LocalFiles.read(p));
        api = r.api();
        file = null;
        name = "recovered" + EXTENSION;
        dirty = true;
        cleanAt = NEVER;
        fresh = false;
        forgetEdits();
        changed();
    }

    public void discardRecovery() throws IOException {
        Files.deleteIfExists(configDir.resolve(RECOVERY));
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
