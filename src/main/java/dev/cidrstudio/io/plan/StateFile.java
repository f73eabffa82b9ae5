package dev.cidrstudio.io.plan;

import dev.cidrstudio.io.manifest.ClusterDocuments;
import dev.cidrstudio.io.manifest.Decoded;
import dev.cidrstudio.io.manifest.GoYaml;
import dev.cidrstudio.io.manifest.ManifestDecoder;
import dev.cidrstudio.io.manifest.ManifestEncoder;
import dev.cidrstudio.io.manifest.ManifestException;
import dev.cidrstudio.io.manifest.Plain;
import dev.cidrstudio.io.manifest.Problem;
import dev.cidrstudio.io.yaml.Mark;
import dev.cidrstudio.io.yaml.PNode;
import dev.cidrstudio.io.yaml.PNode.PMap;
import dev.cidrstudio.io.yaml.YamlFormatException;
import dev.cidrstudio.io.yaml.YamlReader;
import dev.cidrstudio.model.api.KeptObject;
import dev.cidrstudio.model.api.KubeObject;
import dev.cidrstudio.model.cluster.ApiServer;
import dev.cidrstudio.model.cluster.ClusterConfigException;
import dev.cidrstudio.model.cluster.SimulationSnapshot;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The console's {@code --state} file: a {@code SimulationState} document (settings, clock, counters, apiservers)
 * followed by every stored object with its status, so a sequence of invocations behaves like one cluster.
 */
public final class StateFile {

    public static final String KIND = "SimulationState";

    private StateFile() {
    }

    public static String write(ApiServer api) {
        SimulationSnapshot s = api.toSnapshot();
        Map<String, Object> head = new LinkedHashMap<>();
        head.put("apiVersion", ClusterDocuments.API_VERSION);
        head.put("kind", KIND);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("cluster", ClusterDocuments.encode(s.settings()));
        spec.put("clock", ManifestEncoder.time(s.now()));
        spec.put("resourceVersion", s.resourceVersion());
        spec.put("uidCounter", s.uidCounter());
        spec.put("randomDraws", s.randomDraws());
        spec.put("nextControllerSync", ManifestEncoder.time(s.nextControllerSync()));
        List<Object> servers = new ArrayList<>();
        for (SimulationSnapshot.ApiServerSnapshot a : s.apiServers()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", a.name());
            m.put("serviceClusterIPRange", a.serviceClusterIPRange());
            m.put("inconsistencyReported", a.inconsistencyReported());
            servers.add(m);
        }
        spec.put("apiServers", servers);
        head.put("spec", spec);
        StringBuilder sb = new StringBuilder(GoYaml.marshal(head));
        for (KubeObject o : s.objects()) {
            sb.append("---\n").append(GoYaml.marshal(ManifestEncoder.encode(o)));
        }
        for (KeptObject k : api.state().kept()) {
            sb.append("---\n").append(GoYaml.marshal(k.content()));
        }
        return sb.toString();
    }

    public static ApiServer read(String source, String text) throws ManifestException {
        List<YamlReader.Document> docs;
        try {
            docs = new YamlReader().read(source, text);
        } catch (YamlFormatException e) {
            throw new ManifestException(new Problem(source, e.mark(), "", e.problem(), null));
        }
        if (docs.isEmpty() || !(docs.get(0).root() instanceof PMap head)
                || !KIND.equals(scalar(head, "kind"))) {
            throw new ManifestException(new Problem(source, new Mark(1, 1), "kind",
                    "not a CIDR Studio state file (the first document must be kind: " + KIND + ")", null));
        }
        try {
            PMap spec = (PMap) head.get("spec");
            PNode clusterNode = spec.get("cluster");
            List<Decoded> cluster = ManifestDecoder.decode(source, clusterNode);
            var settings = ((Decoded.Cluster) cluster.get(0)).settings();
            List<SimulationSnapshot.ApiServerSnapshot> servers = new ArrayList<>();
            for (PNode n : ((PNode.PList) spec.get("apiServers")).items()) {
                PMap m = (PMap) n;
                servers.add(new SimulationSnapshot.ApiServerSnapshot(scalar(m, "name"),
                        scalar(m, "serviceClusterIPRange"), "true".equals(scalar(m, "inconsistencyReported"))));
            }
            List<KubeObject> objects = new ArrayList<>();
            List<KeptObject> kept = new ArrayList<>();
            for (int i = 1; i < docs.size(); i++) {
                for (Decoded d : ManifestDecoder.decode(source, docs.get(i).root())) {
                    if (d instanceof Decoded.Object o) {
                        objects.add(o.object());
                    } else if (d instanceof Decoded.Other other) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> content = (Map<String, Object>) Plain.toPlain(other.raw());
                        kept.add(new KeptObject(other.apiVersion(), other.kind(),
                                other.namespace(), other.name(), content));
                    }
                }
            }
            SimulationSnapshot snap = new SimulationSnapshot(settings, Instant.parse(scalar(spec, "clock")),
                    Long.parseLong(scalar(spec, "resourceVersion")), Long.parseLong(scalar(spec, "uidCounter")),
                    Long.parseLong(scalar(spec, "randomDraws")), Instant.parse(scalar(spec, "nextControllerSync")),
                    servers, objects);
            ApiServer api = ApiServer.resume(snap);
            kept.forEach(api::keep);
            return api;
        } catch (ClassCastException | NullPointerException | NumberFormatException
                | java.time.format.DateTimeParseException e) {
            throw new ManifestException(new Problem(source, head.mark(), "spec",
                    "the state file is damaged: " + e.getMessage(), null));
        } catch (ClusterConfigException e) {
            throw new ManifestException(new Problem(source, head.mark(), "spec.apiServers",
                    String.join("; ", e.errors()), null));
        }
    }

    private static String scalar(PMap m, String key) {
        return m.get(key) instanceof PNode.PScalar s ? s.value() : null;
    }

    /**
     * Writes a file atomically: a temporary file beside it, flushed, then renamed over the target. An existing
     * target keeps its permissions; a new file gets the usual {@code rw-r--r--}. A read-only file or folder is
     * refused ({@link CannotSave}), the file left as it was.
     */
    public static void writeAtomically(Path target, String content) throws IOException {
        writeAtomically(target, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes text as {@code content} produces it. */
    public interface Content {
        void writeTo(java.io.Writer w) throws IOException;
    }

    /**
     * Writes text atomically as it is produced (UTF-8), so a big plan is never held whole in memory; the same rules
     * as {@link #writeAtomically(Path, byte[])}: permissions kept, links followed, devices and pipes written into,
     * read-only files and folders refused.
     */
    public static void writeAtomically(Path target, Content content) throws IOException {
        write(target, out -> {
            java.io.Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8),
                    1 << 16);
            content.writeTo(w);
            w.flush();
        }, SHARED);
    }

    /** The bytes of a save, written to the stream it is given. */
    private interface Bytes {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes bytes atomically, keeping an existing target's permissions ({@code rw-r--r--} for a new file). */
    public static void writeAtomically(Path target, byte[] content) throws IOException {
        write(target, content, SHARED);
    }

    /** Writes a file only its owner may read ({@code rw-------}), atomically: recovery copies, preferences. */
    public static void writePrivately(Path target, String content) throws IOException {
        write(target, content.getBytes(StandardCharsets.UTF_8), PRIVATE);
    }

    /** A save refused or failed, worded for the user: {@code cannot save FILE: why}. */
    public static final class CannotSave extends IOException {
        private static final long serialVersionUID = 1L;

        CannotSave(Path target, String why) {
            super("cannot save " + target + ": " + why);
        }
    }

    static final String READ_ONLY = "the file is read-only";
    static final String IS_A_FOLDER = "it is a folder";

    static String folderNotWritable(Path folder) {
        return "the folder " + folder + " is not writable";
    }

    static String folderMissing(Path folder) {
        return "the folder " + folder + " does not exist";
    }

    /** Temporary files a save left behind (a killed process) are removed once older than this and unlocked. */
    static final Duration STALE_AFTER = Duration.ofMinutes(5);

    private static final Set<PosixFilePermission> SHARED = PosixFilePermissions.fromString("rw-r--r--");
    private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rw-------");

    private static void write(Path target, byte[] content, Set<PosixFilePermission> forNewFile) throws IOException {
        write(target, out -> out.write(content), forNewFile);
    }

    private static void write(Path target, Bytes content, Set<PosixFilePermission> forNewFile) throws IOException {
        // A link stays a link: the file it points to is the one saved.
        Path file = Files.isSymbolicLink(target) && Files.exists(target) ? target.toRealPath() : target;
        if (Files.isDirectory(file)) {
            throw new CannotSave(target, IS_A_FOLDER);
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            // A device or a pipe (--state /dev/null): written into, never replaced.
            writeInPlace(target, file, content);
            return;
        }
        if (Files.exists(file) && InPlaceFile.isReadOnly(file)) {
            throw new CannotSave(target, READ_ONLY);
        }
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            throw new CannotSave(target, folderMissing(dir));
        }
        if (InPlaceFile.isReadOnly(dir)) {
            throw new CannotSave(target, folderNotWritable(dir));
        }
        String name = file.getFileName().toString();
        removeStaleTemporaries(dir, name);
        Path tmp;
        try {
            tmp = Files.createTempFile(dir, temporaryPrefix(name), TEMPORARY_SUFFIX);
        } catch (IOException e) {
            throw failed(target, dir, e);
        }
        try {
            try (var ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                    FileLock busy = ch.lock()) {
                // Locked while written, so a save of the same file elsewhere never takes it for a leftover.
                OutputStream out = java.nio.channels.Channels.newOutputStream(ch);
                content.writeTo(out);
                out.flush();
                ch.force(true);
            }
            applyPermissions(tmp, file, forNewFile);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw failed(target, dir, e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                System.getLogger(StateFile.class.getName()).log(System.Logger.Level.WARNING,
                        () -> "temporary file " + tmp + " left behind", e);
            }
        }
    }

    private static void writeInPlace(Path target, Path file, Bytes content) throws IOException {
        try (OutputStream out = InPlaceFile.open(file, false, InPlaceFile.PIPE_WAIT)) {
            content.writeTo(out);
        } catch (IOException e) {
            throw new CannotSave(target, e instanceof InPlaceFile.Refused ? e.getMessage()
                    : InPlaceFile.reworded(e).getMessage());
        }
    }

    /** An I/O failure on the way, said of the plan, never of the temporary file. */
    private static CannotSave failed(Path target, Path dir, IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return new CannotSave(target, folderNotWritable(dir));
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return new CannotSave(target, folderMissing(dir));
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return new CannotSave(target, f.getReason());
        }
        return new CannotSave(target, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    static final String TEMPORARY_SUFFIX = ".tmp";

    /** Temporary files are {@code .NAME.<digits>.tmp} beside the target, as {@link Files#createTempFile} names them. */
    static String temporaryPrefix(String name) {
        return "." + name + ".";
    }

    /**
     * Removes the temporary files of this target that a killed save left: only ours by their exact name, only
     * those older than {@link #STALE_AFTER} and not locked by a save still writing them.
     */
    static void removeStaleTemporaries(Path dir, String name) {
        String prefix = temporaryPrefix(name);
        Instant before = Instant.now().minus(STALE_AFTER);
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(dir, p -> {
            String n = p.getFileName().toString();
            return n.startsWith(prefix) && n.endsWith(TEMPORARY_SUFFIX)
                    && n.substring(prefix.length(), n.length() - TEMPORARY_SUFFIX.length()).matches("[0-9]+");
        })) {
            for (Path p : leftovers) {
                removeIfStale(p, before);
            }
        } catch (IOException | DirectoryIteratorException e) {
            System.getLogger(StateFile.class.getName()).log(System.Logger.Level.DEBUG,
                    () -> "cannot list " + dir + " for leftover temporary files", e);
        }
    }

    private static void removeIfStale(Path p, Instant before) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!a.isRegularFile() || !a.lastModifiedTime().toInstant().isBefore(before)) {
                return;
            }
            try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
                    FileLock free = ch.tryLock(0, Long.MAX_VALUE, true)) {
                if (free == null) {
                    return;
                }
                Files.deleteIfExists(p);
            }
        } catch (java.nio.channels.OverlappingFileLockException e) {
            // a save in this process holds it
        } catch (IOException e) {
            System.getLogger(StateFile.class.getName()).log(System.Logger.Level.DEBUG,
                    () -> "leftover " + p + " not removed", e);
        }
    }

    /** The temporary file takes the target's permissions, or the given ones when the target is new. */
    private static void applyPermissions(Path tmp, Path target, Set<PosixFilePermission> forNewFile)
            throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        Set<PosixFilePermission> perms = forNewFile;
        if (Files.exists(target)) {
            PosixFileAttributeView existing = Files.getFileAttributeView(target, PosixFileAttributeView.class);
            if (existing != null) {
                perms = existing.readAttributes().permissions();
            }
        }
        view.setPermissions(perms);
    }
}
