package dev.cidrstudio.cli;

import dev.cidrstudio.app.Finding;
import dev.cidrstudio.app.ManifestImport;
import dev.cidrstudio.app.PlanLoader;
import dev.cidrstudio.app.PlanSession;
import dev.cidrstudio.io.plan.StateFile;
import dev.cidrstudio.server.Kubeconfig;
import dev.cidrstudio.server.PlanServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cidrstudio serve PLAN}: the plan's simulated control plane as a Kubernetes API, for the real kubectl. */
@Command(name = "serve", header = "Serve a plan as a Kubernetes API, for the real kubectl and other clients.",
        mixinStandardHelpOptions = true, description = {
            "Serve the plan's simulated control plane over HTTP or HTTPS, speaking the Kubernetes REST API, until "
                    + "interrupted",
            "(Ctrl+C). Every change a client makes goes through the plan's one door; nothing is saved unless --save."})
public final class ServeCommand extends StreamCommand {

    /** Says when to stop: by default at the process's end (Ctrl+C, a signal); tests stop it themselves. */
    interface Lifetime {
        /** Returns when serving should end, after running {@code stop}; may also run {@code stop} on its own. */
        void await(Runnable stop) throws InterruptedException;
    }

    /** Until the process is interrupted: the shutdown hook stops serving (and saves, when asked). */
    static final Lifetime UNTIL_INTERRUPTED = stop -> {
        CountDownLatch never = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "cidrstudio-serve-stop"));
        never.await();
    };

    static final String DEMO = "demo";

    @Parameters(paramLabel = "PLAN", description = "A plan file (or manifests, a cluster dump), or 'demo' for the "
            + "built-in demo plan.")
    String plan;

    @Option(names = "--address", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "The address to listen on (default 127.0.0.1). Any address that is not loopback is served "
                    + "over TLS (as with --tls) with a bearer token.")
    String address;

    @Option(names = "--tls", description = "Serve HTTPS with a CA and certificate made at start (kept in memory, "
            + "never written); the kubeconfig trusts the CA and its user carries a generated bearer token, which "
            + "requests without it are refused with 401.")
    boolean tls;

    @Option(names = "--port", paramLabel = "N", defaultValue = "0",
            description = "The port to listen on; 0 (the default) picks a free one.")
    int port;

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "Write a kubeconfig whose current context points at the served plan.")
    Path kubeconfig;

    @Option(names = "--read-only", description = "Refuse every write with 403 Forbidden.")
    boolean readOnly;

    @Option(names = "--save", description = "Write the plan back to its file (atomically) when serving ends.")
    boolean save;

    private final Lifetime lifetime;

    public ServeCommand(InputStream in, PrintStream out, PrintStream err) {
        this(in, out, err, UNTIL_INTERRUPTED);
    }

    ServeCommand(InputStream in, PrintStream out, PrintStream err, Lifetime lifetime) {
        super(in, out, err);
        this.lifetime = lifetime;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (save && DEMO.equals(plan)) {
            err.println("cidrstudio: serve: --save needs a plan file: the demo plan is built in");
            return 2;
        }
        if (port < 0 || port > 65535) {
            err.println("cidrstudio: serve: --port must be between 0 and 65535, not " + port);
            return 2;
        }
        PlanSession session = open();
        if (session == null) {
            return 1;
        }
        if (save && session.file().isEmpty()) {
            err.println("cidrstudio: serve: --save needs a plan file (*" + PlanSession.EXTENSION + "): " + plan
                    + " opens as an untitled plan");
            session.close();
            return 2;
        }
        PlanServer.Options options = new PlanServer.Options(address, port, readOnly, null, tls);
        if (options.servesTls()) {
            options = options.withToken(PlanServer.newToken());
        }
        PlanServer server;
        try {
            server = PlanServer.start(session, options);
        } catch (IOException e) {
            err.println("cidrstudio: serve: " + e.getMessage());
            session.close();
            return 1;
        }
        if (kubeconfig != null) {
            try {
                StateFile.writePrivately(kubeconfig, Kubeconfig.of(server));
            } catch (IOException e) {
                err.println(kubeconfig + ": error: cannot write the kubeconfig: " + e.getMessage());
                server.close();
                session.close();
                return 1;
            }
        }
        out.println("serving " + plan + " at " + server.url() + (readOnly ? " (read-only)" : ""));
        if (kubeconfig != null) {
            out.println("export KUBECONFIG=" + kubeconfig.toAbsolutePath());
        }
        out.flush();
        int[] status = {0};
        boolean[] stopped = {false};
        Runnable stop = () -> {
            synchronized (stopped) {
                if (stopped[0]) {
                    return;
                }
                stopped[0] = true;
            }
            server.close();
            status[0] = saveIfAsked(session);
            session.close();
        };
        lifetime.await(stop);
        stop.run();
        return status[0];
    }

    /** The plan to serve: the demo, or a file opened as the window opens it (a plan file is locked while served). */
    private PlanSession open() {
        if (DEMO.equals(plan)) {
            return PlanSession.demo(PlanSession.defaultConfigDir());
        }
        PlanSession session = new PlanSession(PlanSession.defaultConfigDir(), PlanLoader.empty(), "untitled"
                + PlanSession.EXTENSION);
        try {
            session.open(Path.of(plan));
            return session;
        } catch (ManifestImport.ImportException e) {
            for (Finding f : e.findings()) {
                err.println(f.describe());
            }
        } catch (IOException e) {
            err.println(plan + ": error: " + e.getMessage());
        }
        session.close();
        return null;
    }

    private int saveIfAsked(PlanSession session) {
        if (!save) {
            return 0;
        }
        Path file = session.file().orElseThrow();
        try {
            session.saveAs(file);
            out.println("saved " + file);
            out.flush();
            return 0;
        } catch (IOException e) {
            err.println(file + ": error: cannot save: " + e.getMessage());
            return 1;
        }
    }
}
