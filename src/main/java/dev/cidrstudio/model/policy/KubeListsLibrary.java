package dev.cidrstudio.model.policy;

import com.google.common.primitives.UnsignedLong;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.TypeParamType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Kubernetes' list library as VAP has it ({@code k8s.io/apiserver/pkg/cel/library/lists.go}, version 0):
 * {@code isSorted}, {@code sum}, {@code min}, {@code max}, {@code indexOf}, {@code lastIndexOf} on lists, with
 * its error text for {@code min}/{@code max} of an empty list. Element types: int, uint, double, bool and string
 * (duration, timestamp and bytes lists are not declared here).
 */
final class KubeListsLibrary {

    private static final Map<String, CelType> COMPARABLE = Map.of("int", SimpleType.INT, "uint", SimpleType.UINT,
            "double", SimpleType.DOUBLE, "bool", SimpleType.BOOL, "string", SimpleType.STRING);
    private static final Map<String, CelType> SUMMABLE = Map.of("int", SimpleType.INT, "uint", SimpleType.UINT,
            "double", SimpleType.DOUBLE);
    private static final List<String> ORDER = List.of("int", "uint", "double", "bool", "string");

    private KubeListsLibrary() {
    }

    static List<CelFunctionDecl> declarations() {
        List<CelOverloadDecl> sorted = new ArrayList<>();
        List<CelOverloadDecl> sums = new ArrayList<>();
        List<CelOverloadDecl> mins = new ArrayList<>();
        List<CelOverloadDecl> maxs = new ArrayList<>();
        for (String name : ORDER) {
            CelType t = COMPARABLE.get(name);
            sorted.add(CelOverloadDecl.newMemberOverload("list_" + name + "_is_sorted_bool", SimpleType.BOOL,
                    ListType.create(t)));
            mins.add(CelOverloadDecl.newMemberOverload("list_" + name + "_min_" + name, t, ListType.create(t)));
            maxs.add(CelOverloadDecl.newMemberOverload("list_" + name + "_max_" + name, t, ListType.create(t)));
            if (SUMMABLE.containsKey(name)) {
                sums.add(CelOverloadDecl.newMemberOverload("list_" + name + "_sum_" + name, t, ListType.create(t)));
            }
        }
        CelType a = TypeParamType.create("A");
        return List.of(
                CelFunctionDecl.newFunctionDeclaration("isSorted", sorted),
                CelFunctionDecl.newFunctionDeclaration("sum", sums),
                CelFunctionDecl.newFunctionDeclaration("min", mins),
                CelFunctionDecl.newFunctionDeclaration("max", maxs),
                CelFunctionDecl.newFunctionDeclaration("indexOf", CelOverloadDecl.newMemberOverload(
                        "list_a_index_of_int", SimpleType.INT, ListType.create(a), a)),
                CelFunctionDecl.newFunctionDeclaration("lastIndexOf", CelOverloadDecl.newMemberOverload(
                        "list_a_last_index_of_int", SimpleType.INT, ListType.create(a), a)));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object x, Object y) {
        return ((Comparable) x).compareTo(y);
    }

    static List<CelFunctionBinding> bindings() {
        List<CelFunctionBinding> out = new ArrayList<>();
        for (String name : ORDER) {
            out.add(CelFunctionBinding.from("list_" + name + "_is_sorted_bool", List.class, l -> {
                for (int i = 1; i < l.size(); i++) {
                    if (compare(l.get(i - 1), l.get(i)) > 0) {
                        return false;
                    }
                }
                return true;
            }));
            out.add(CelFunctionBinding.from("list_" + name + "_min_" + name, List.class, l -> extreme(l, "min", 1)));
            out.add(CelFunctionBinding.from("list_" + name + "_max_" + name, List.class, l -> extreme(l, "max", -1)));
        }
        out.add(CelFunctionBinding.from("list_int_sum_int", List.class, l -> {
            long s = 0;
            for (Object o : l) {
                s = Math.addExact(s, (Long) o);
            }
            return s;
        }));
        out.add(CelFunctionBinding.from("list_uint_sum_uint", List.class, l -> {
            UnsignedLong s = UnsignedLong.ZERO;
            for (Object o : l) {
                s = s.plus((UnsignedLong) o);
            }
            return s;
        }));
        out.add(CelFunctionBinding.from("list_double_sum_double", List.class, l -> {
            double s = 0;
            for (Object o : l) {
                s += (Double) o;
            }
            return s;
        }));
        out.add(CelFunctionBinding.from("list_a_index_of_int", List.class, Object.class, (l, item) -> {
            for (int i = 0; i < l.size(); i++) {
                if (Objects.equals(l.get(i), item)) {
                    return (long) i;
                }
            }
            return -1L;
        }));
        out.add(CelFunctionBinding.from("list_a_last_index_of_int", List.class, Object.class, (l, item) -> {
            for (int i = l.size() - 1; i >= 0; i--) {
                if (Objects.equals(l.get(i), item)) {
                    return (long) i;
                }
            }
            return -1L;
        }));
        return out;
    }

    /**
     * The smallest or largest element: a later one replaces the best so far when comparing them gives
     * {@code replaceOn} (+1 for min, -1 for max), so the first of equals wins, as in Kubernetes.
     */
    private static Object extreme(List<?> l, String op, int replaceOn) throws CelEvaluationException {
        if (l.isEmpty()) {
            throw new CelEvaluationException(op + " called on empty list");
        }
        Object best = l.get(0);
        for (int i = 1; i < l.size(); i++) {
            if (Integer.signum(compare(best, l.get(i))) == replaceOn) {
                best = l.get(i);
            }
        }
        return best;
    }
}
