package dev.cidrstudio.model.policy;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelSource;
import dev.cel.common.CelSourceLocation;
import dev.cidrstudio.model.cluster.KubeVersion;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which CEL functions each kube-apiserver release has ({@code k8s.io/apiserver/pkg/cel/environment/base.go}).
 * The environment here holds the newest set; an expression that calls a function its release lacks fails to
 * compile as it would there, with cel-go's {@code undeclared reference} text.
 *
 * <p>Stored expressions, which admission evaluates, get every library of the release. Expressions that are new
 * in a create or update get only those at or below the release's compatibility version, the release before it:
 * a 1.34 cluster runs a stored {@code sort()} but refuses a policy that adds one; a 1.33 cluster has no
 * {@code sort()} at all; 1.35 has it for both.
 */
public final class CelLibraryVersions {

    /** Every library this environment has. */
    public static final int ALL = Integer.MAX_VALUE - 1;
    private static final int NEVER = Integer.MAX_VALUE;

    /** A call to a function that only some releases have. */
    record Use(int offset, int line, int column, String snippet, String function, int since, boolean stringReverse) {
    }

    /** The minor version that introduced each overload this environment has beyond 1.32's set. */
    private static final Map<String, Integer> SINCE = Map.ofEntries(
            // ext.Lists (flatten, range, slice, distinct, reverse, sort, sortBy): 1.34.
            Map.entry("list_flatten", 34), Map.entry("list_flatten_list_int", 34), Map.entry("lists_range", 34),
            Map.entry("list_slice", 34), Map.entry("list_distinct", 34), Map.entry("list_reverse", 34),
            Map.entry("list_sort", 34), Map.entry("list_sortByAssociatedKeys", 34),
            // Kubernetes' semver library: 1.33. Its members need a Semver, which only these two can make.
            Map.entry("string_to_semver", 33), Map.entry("string_bool_to_semver", 33),
            Map.entry("is_semver_string", 33), Map.entry("is_semver_string_bool", 33),
            // ext.Strings is at version 2 in every modelled release; reverse() arrived with version 3.
            Map.entry("string_reverse", NEVER));

    /** The function each overload belongs to, as cel-go names it in an error. */
    private static final Map<String, String> FUNCTION = Map.ofEntries(
            Map.entry("list_flatten", "flatten"), Map.entry("list_flatten_list_int", "flatten"),
            Map.entry("lists_range", "lists.range"), Map.entry("list_slice", "slice"),
            Map.entry("list_distinct", "distinct"), Map.entry("list_reverse", "reverse"),
            Map.entry("list_sort", "sort"), Map.entry("list_sortByAssociatedKeys", "sortBy"),
            Map.entry("string_to_semver", "semver"), Map.entry("string_bool_to_semver", "semver"),
            Map.entry("is_semver_string", "isSemver"), Map.entry("is_semver_string_bool", "isSemver"),
            Map.entry("string_reverse", "reverse"));

    private CelLibraryVersions() {
    }

    /** The libraries a release's admission evaluates stored expressions with. */
    public static int forStoredExpressions(KubeVersion v) {
        return minor(v);
    }

    /** The libraries a release checks new or changed expressions with: its compatibility version, one before. */
    public static int forNewExpressions(KubeVersion v) {
        return minor(v) - 1;
    }

    private static int minor(KubeVersion v) {
        return Integer.parseInt(v.text().substring(v.text().indexOf('.') + 1));
    }

    /** The calls of a checked expression to functions that only some releases have. */
    static List<Use> uses(CelAbstractSyntaxTree ast) {
        List<Use> out = new ArrayList<>();
        CelSource source = ast.getSource();
        ast.getReferenceMap().forEach((id, ref) -> {
            for (String overload : ref.overloadIds()) {
                Integer since = SINCE.get(overload);
                if (since == null) {
                    continue;
                }
                int offset = source.getPositionsMap().getOrDefault(id, 0);
                CelSourceLocation loc = source.getOffsetLocation(offset).orElse(CelSourceLocation.of(1, 0));
                Optional<String> snippet = source.getSnippet(loc.getLine());
                out.add(new Use(offset, loc.getLine(), loc.getColumn(), snippet.orElse(""), FUNCTION.get(overload),
                        since, "string_reverse".equals(overload)));
            }
        });
        out.sort(Comparator.comparingInt(Use::offset));
        return List.copyOf(out);
    }

    /** cel-go's compile errors for the calls a release with the given libraries lacks, or null. */
    static String errors(List<Use> uses, int minor) {
        StringBuilder sb = new StringBuilder();
        for (Use u : uses) {
            if (u.since() <= minor) {
                continue;
            }
            String message;
            if (u.stringReverse() && minor >= 34) {
                // The lists library declares reverse() for lists; a string has no overload.
                message = "found no matching overload for 'reverse' applied to 'string.()'";
            } else {
                message = "undeclared reference to '" + u.function() + "' (in container '')";
            }
            int target = u.column() - "lists.range".length();
            if ("lists.range".equals(u.function()) && target >= 0
                    && u.snippet().startsWith("lists.range", target)) {
                // cel-go checks the receiver of an unknown qualified call as a variable first.
                issue(sb, u.line(), target, u.snippet(), "undeclared reference to 'lists' (in container '')");
                message = "undeclared reference to 'range' (in container '')";
            }
            issue(sb, u.line(), u.column(), u.snippet(), message);
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    private static void issue(StringBuilder sb, int line, int column, String snippet, String message) {
        if (sb.length() > 0) {
            sb.append('\n');
        }
        sb.append("ERROR: <input>:").append(line).append(':').append(column + 1).append(": ").append(message)
                .append("\n | ").append(snippet).append("\n | ").append(".".repeat(column)).append('^');
    }
}
