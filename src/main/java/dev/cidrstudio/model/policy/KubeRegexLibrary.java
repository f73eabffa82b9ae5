package dev.cidrstudio.model.policy;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import java.util.ArrayList;
import java.util.List;

/**
 * Kubernetes' regex library ({@code k8s.io/apiserver/pkg/cel/library/regex.go}): {@code <string>.find(re)} is the
 * leftmost match or "", {@code <string>.findAll(re[, n])} the successive non-overlapping matches (at most n when
 * n >= 0). Patterns run on RE2J, Go's RE2 semantics in Java: linear time whatever the pattern (no catastrophic
 * backtracking to hang the planner), and Go's text for a bad pattern ({@code Illegal regex: error parsing regexp:
 * ...}).
 */
final class KubeRegexLibrary {

    private KubeRegexLibrary() {
    }

    static List<CelFunctionDecl> declarations() {
        return List.of(
                CelFunctionDecl.newFunctionDeclaration("find", CelOverloadDecl.newMemberOverload(
                        "string_find_string", SimpleType.STRING, SimpleType.STRING, SimpleType.STRING)),
                CelFunctionDecl.newFunctionDeclaration("findAll",
                        CelOverloadDecl.newMemberOverload("string_find_all_string",
                                ListType.create(SimpleType.STRING), SimpleType.STRING, SimpleType.STRING),
                        CelOverloadDecl.newMemberOverload("string_find_all_string_int",
                                ListType.create(SimpleType.STRING), SimpleType.STRING, SimpleType.STRING,
                                SimpleType.INT)));
    }

    static List<CelFunctionBinding> bindings() {
        return List.of(
                CelFunctionBinding.from("string_find_string", String.class, String.class, (s, re) -> {
                    Matcher m = compile(re).matcher(s);
                    return m.find() ? m.group() : "";
                }),
                CelFunctionBinding.from("string_find_all_string", String.class, String.class,
                        (s, re) -> findAll(s, re, -1)),
                CelFunctionBinding.from("string_find_all_string_int", List.of(String.class, String.class,
                        Long.class), args -> findAll((String) args[0], (String) args[1], (Long) args[2])));
    }

    private static Pattern compile(String re) throws CelEvaluationException {
        try {
            return Pattern.compile(re);
        } catch (PatternSyntaxException e) {
            // RE2J's text is Go's regexp error text: "error parsing regexp: missing closing ): `(`".
            throw new CelEvaluationException("Illegal regex: " + e.getMessage());
        }
    }

    /** Go's FindAllString: non-overlapping matches; an empty match right after a match is skipped. */
    private static List<String> findAll(String s, String re, long n) throws CelEvaluationException {
        List<String> out = new ArrayList<>();
        if (n == 0) {
            return out;
        }
        Matcher m = compile(re).matcher(s);
        int lastEnd = -1;
        while (m.find()) {
            if (m.end() == m.start() && m.start() == lastEnd) {
                continue;
            }
            out.add(m.group());
            lastEnd = m.end();
            if (n > 0 && out.size() >= n) {
                break;
            }
        }
        return out;
    }
}
