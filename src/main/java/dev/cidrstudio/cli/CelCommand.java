package dev.cidrstudio.cli;

import dev.cidrstudio.app.LocalFiles;
import dev.cidrstudio.io.manifest.Plain;
import dev.cidrstudio.io.yaml.YamlFormatException;
import dev.cidrstudio.io.yaml.YamlReader;
import dev.cidrstudio.model.policy.CelValues;
import dev.cidrstudio.model.policy.KubeCel;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cidrstudio cel EXPRESSION}: one CEL expression evaluated as kube-apiserver's admission CEL would. */
@Command(name = "cel", header = "Evaluate one CEL expression as kube-apiserver admission would.", mixinStandardHelpOptions = true, description = {
    "Evaluate one CEL expression with kube-apiserver's admission environment (Kubernetes' ip, cidr, lists,",
    "regex, url, format, quantity, semver and authz libraries, as the --k8s-version release has them) and print",
    "its value on one line. Errors go to standard error as 'error: MESSAGE', exit status 1."})
public final class CelCommand extends StreamCommand {

    @Parameters(paramLabel = "EXPRESSION")
    String expression;

    @Option(names = "--k8s-version", paramLabel = "V", description = "Kubernetes version whose rules apply "
            + "(containsCIDR changed in 1.32.4 and 1.33.0; the lists library arrived in 1.34, semver in 1.33). "
            + "Default: 1.34.")
    String version = "1.34";

    @Option(names = "--object", paramLabel = "FILE", description = "YAML or JSON bound to 'object'.")
    Path object;

    @Option(names = "--old-object", paramLabel = "FILE", description = "YAML or JSON bound to 'oldObject'.")
    Path oldObject;

    @Option(names = "--params", paramLabel = "FILE", description = "YAML or JSON bound to 'params'.")
    Path params;

    public CelCommand(InputStream in, PrintStream out, PrintStream err) {
        super(in, out, err);
    }

    /** True for the releases with the old containsCIDR rule: 1.30.x, 1.31.x and 1.32.0-1.32.3. */
    static boolean oldContainsCidr(String version) {
        String[] p = version.replaceFirst("^v", "").split("\\.");
        int minor = p.length > 1 ? Integer.parseInt(p[1]) : 0;
        int patch = p.length > 2 ? Integer.parseInt(p[2]) : 0;
        return minor < 32 || (minor == 32 && patch < 4);
    }

    @Override
    public Integer call() {
        if (!version.replaceFirst("^v", "").matches("1\\.(3[0-9])(\\.[0-9]+)?")) {
            err.println("error: --k8s-version must be 1.30 or later, like 1.33 or 1.32.3");
            return 2;
        }
        Map<String, Object> vars = new HashMap<>();
        try {
            for (var e : Map.of("object", object == null ? "" : object.toString(),
                    "oldObject", oldObject == null ? "" : oldObject.toString(),
                    "params", params == null ? "" : params.toString()).entrySet()) {
                if (!e.getValue().isEmpty()) {
                    vars.put(e.getKey(), load(Path.of(e.getValue())));
                }
            }
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (YamlFormatException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
        int minor = Integer.parseInt(version.replaceFirst("^v", "").split("\\.")[1]);
        KubeCel cel = oldContainsCidr(version) ? new KubeCel(true) : KubeCel.shared();
        KubeCel.Outcome o = cel.at(minor).evaluate(expression, vars);
        if (o.compileError() != null) {
            err.println("error: " + o.compileError());
            return 1;
        }
        if (o.error() != null) {
            err.println("error: " + o.error());
            return 1;
        }
        out.println(CelValues.format(o.value()));
        return 0;
    }

    private static Object load(Path file) throws IOException, YamlFormatException {
        List<YamlReader.Document> docs = new YamlReader().read(file.toString(), LocalFiles.read(file));
        return docs.isEmpty() ? null : Plain.toPlain(docs.get(0).root());
    }
}
