package dev.cidrstudio.console.kubectl;

import dev.cidrstudio.console.kubectl.KubectlFlags.Parsed;
import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.api.KubeObject;
import dev.cidrstudio.model.api.LabelSelector;
import dev.cidrstudio.model.cluster.ApiServer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The resources a command line names, read as kubectl's resource builder reads them: {@code TYPE[,TYPE...]
 * [NAME...]} or {@code TYPE/NAME...}, narrowed by {@code -l}.
 */
final class ResourceArgs {

    /** One resource type and the names given for it (none: all of them). */
    record Target(Kind kind, List<String> names) {
    }

    private ResourceArgs() {
    }

    static List<Target> targets(List<String> args) throws UsageException {
        List<Target> out = new ArrayList<>();
        if (args.get(0).contains("/")) {
            Map<Kind, List<String>> byKind = new LinkedHashMap<>();
            for (String a : args) {
                int slash = a.indexOf('/');
                if (slash < 0) {
                    throw new UsageException("error: there is no need to specify a resource type as a separate "
                            + "argument when passing arguments in resource/name form (e.g. 'kubectl get "
                            + "resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'");
                }
                Kind k = kind(a.substring(0, slash));
                byKind.computeIfAbsent(k, x -> new ArrayList<>()).add(a.substring(slash + 1));
            }
            byKind.forEach((k, names) -> out.add(new Target(k, names)));
            return out;
        }
        List<String> names = args.subList(1, args.size());
        for (String t : args.get(0).split(",")) {
            if (!t.isEmpty()) {
                out.add(new Target(kind(t), names));
            }
        }
        return out;
    }

    private static Kind kind(String type) throws UsageException {
        Kind k = ResourceTypes.resolve(type);
        if (k == null) {
            throw new UsageException("error: the server doesn't have a resource type \"" + type + "\"");
        }
        return k;
    }

    /** The objects of a kind in {@code ns} (in every namespace with {@code all}) that the selector matches. */
    static List<KubeObject> list(ApiServer api, Kind k, String ns, boolean all, LabelSelector selector) {
        List<KubeObject> out = new ArrayList<>();
        for (KubeObject o : api.<KubeObject>list(k, k.namespaced() && !all ? ns : null)) {
            if (selector.matches(o.meta().labels())) {
                out.add(o);
            }
        }
        return out;
    }

    /** The {@code -l/--selector} flag; everything when it is not given. */
    static LabelSelector selector(Parsed p) throws UsageException {
        String s = p.string("selector", null);
        if (s == null) {
            return LabelSelector.EVERYTHING;
        }
        try {
            return LabelSelector.parse(s);
        } catch (IllegalArgumentException e) {
            throw new UsageException("error: " + e.getMessage());
        }
    }

    /** kubectl's "No resources found" line: it names the namespace when it listed only one. */
    static String noResourcesFound(List<Target> targets, String ns, boolean all) {
        boolean namespaced = targets.stream().anyMatch(t -> t.kind().namespaced());
        return namespaced && !all ? "No resources found in " + ns + " namespace.\n" : "No resources found\n";
    }
}
