package dev.cidrstudio.app;

import dev.cidrstudio.io.plan.StateFile;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The recovery copies of unsaved plans, one per running window, in the {@code recovery} folder of the config
 * directory: {@code ID.cidrplan.yaml} holds the plan and {@code ID.properties} which file it belongs to and which
 * process wrote it. A window only ever writes and removes its own copy; at start-up the copies of windows that are no
 * longer running are offered back.
 */
public final class RecoveryStore {

    static final String FOLDER = "recovery";
    /** The single copy earlier versions kept in the config directory itself. */
    static final String LEGACY = "recovery" + PlanSession.EXTENSION;

    private final Path configDir;
    private final String id;
    private final long pid;

    /** A copy a window left behind: the plan text's file, and the plan file it was a copy of (if it had one). */
    public record Copy(Path file, Optional<Path> planFile, String name, long writtenBy) {
    }

    RecoveryStore(Path configDir, long pid, String id) {
        this.configDir = configDir;
        this.pid = pid;
        this.id = id;
    }

    /** The store of this process's window. */
    static RecoveryStore forThisProcess(Path configDir) {
        long pid = ProcessHandle.current().pid();
        return new RecoveryStore(configDir, pid, pid + "-" + Long.toHexString(System.nanoTime()));
    }

    private Path folder() {
        return configDir.resolve(FOLDER);
    }

    /** This window's copy. */
    Path ownFile() {
        return folder().resolve(id + PlanSession.EXTENSION);
    }

    private Path ownInfo() {
        return folder().resolve(id + ".properties");
    }

    /** Writes this window's copy of the plan (private to the user), and which plan file it belongs to. */
    void write(String planText, Optional<Path> planFile, String name) throws IOException {
        Files.createDirectories(folder());
        Properties p = new Properties();
        planFile.ifPresent(f -> p.setProperty("plan", f.toAbsolutePath().normalize().toString()));
        p.setProperty("name", name);
        p.setProperty("pid", Long.toString(pid));
        StringWriter w = new StringWriter();
        p.store(w, null);
        StateFile.writePrivately(ownInfo(), w.toString());
        StateFile.writePrivately(ownFile(), planText);
    }

    /** Removes this window's copy (the plan was saved, or is as it was). */
    void discardOwn() throws IOException {
        Files.deleteIfExists(ownFile());
        Files.deleteIfExists(ownInfo());
    }

    boolean hasOwn() {
        return Files.isRegularFile(ownFile());
    }

    /** The copies left by windows that are not running any more, newest first. */
    public List<Copy> orphans() {
        List<Copy> out = new ArrayList<>();
        Path legacy = configDir.resolve(LEGACY);
        if (Files.isRegularFile(legacy)) {
            out.add(new Copy(legacy, Optional.empty(), "recovered" + PlanSession.EXTENSION, 0));
        }
        if (Files.isDirectory(folder())) {
            try (DirectoryStream<Path> dir = Files.newDirectoryStream(folder(), "*" + PlanSession.EXTENSION)) {
                for (Path f : dir) {
                    if (!f.equals(ownFile())) {
                        readCopy(f).filter(c -> !running(c.writtenBy())).ifPresent(out::add);
                    }
                }
            } catch (IOException e) {
                PlanSession.LOG.log(System.Logger.Level.WARNING, "cannot list the recovery copies", e);
            }
        }
        out.sort(Comparator.comparing((Copy c) -> lastModified(c.file())).reversed());
        return out;
    }

    private static Optional<Copy> readCopy(Path file) {
        String base = file.getFileName().toString();
        base = base.substring(0, base.length() - PlanSession.EXTENSION.length());
        Path info = file.resolveSibling(base + ".properties");
        Properties p = new Properties();
        if (Files.isRegularFile(info)) {
            try (Reader r = new StringReader(Files.readString(info))) {
                p.load(r);
            } catch (IOException | IllegalArgumentException e) {
                PlanSession.LOG.log(System.Logger.Level.WARNING, "unreadable recovery note " + info, e);
            }
        }
        long writer;
        try {
            writer = Long.parseLong(p.getProperty("pid", "0"));
        } catch (NumberFormatException e) {
            writer = 0;
        }
        Optional<Path> plan = Optional.ofNullable(p.getProperty("plan")).map(Path::of);
        String name = p.getProperty("name", plan.map(f -> f.getFileName().toString())
                .orElse("recovered" + PlanSession.EXTENSION));
        return Optional.of(new Copy(file, plan, name, writer));
    }

    private boolean running(long writer) {
        return writer != 0 && ProcessHandle.of(writer).map(ProcessHandle::isAlive).orElse(false);
    }

    private static java.nio.file.attribute.FileTime lastModified(Path f) {
        try {
            return Files.getLastModifiedTime(f);
        } catch (IOException e) {
            return java.nio.file.attribute.FileTime.fromMillis(0);
        }
    }

    /** Makes a recovered copy this window's own, so saving or discarding it removes it. */
    void adopt(Copy copy) throws IOException {
        Files.createDirectories(folder());
        String text = Files.readString(copy.file());
        write(text, copy.planFile(), copy.name());
        discard(copy);
    }

    /** Removes a copy that was not wanted back. */
    void discard(Copy copy) throws IOException {
        Files.deleteIfExists(copy.file());
        String base = copy.file().getFileName().toString();
        if (base.endsWith(PlanSession.EXTENSION)) {
            base = base.substring(0, base.length() - PlanSession.EXTENSION.length());
            Files.deleteIfExists(copy.file().resolveSibling(base + ".properties"));
        }
    }
}
