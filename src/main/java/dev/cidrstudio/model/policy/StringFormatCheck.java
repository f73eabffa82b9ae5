package dev.cidrstudio.model.policy;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelSource;
import dev.cel.common.CelSourceLocation;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;
import java.util.ArrayList;
import java.util.List;

/**
 * cel-go's string format validator ({@code cel.lib.ext.validate.functions.string.format}): a call
 * {@code 'literal'.format([list literal])} is checked when the expression compiles, each clause against the checked
 * type of its argument, and the argument count against the clauses; issues in cel-go's text.
 */
final class StringFormatCheck {

    private StringFormatCheck() {
    }

    /**
     * cel-go's compile-time check of {@code 'literal'.format([list literal])} calls (its string format validator):
     * each clause against the checked type of its argument, argument counts; cel-go's issues text, or null.
     */
    static String check(CelAbstractSyntaxTree ast) {
        List<long[]> calls = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        walk(ast.getExpr(), e -> {
            if (e.getKind() != CelExpr.ExprKind.Kind.CALL || !"format".equals(e.call().function())
                    || e.call().target().isEmpty() || e.call().args().size() != 1) {
                return;
            }
            CelExpr target = e.call().target().get();
            CelExpr arg = e.call().args().get(0);
            if (target.getKind() != CelExpr.ExprKind.Kind.CONSTANT
                    || target.constant().getKind() != dev.cel.common.ast.CelConstant.Kind.STRING_VALUE
                    || arg.getKind() != CelExpr.ExprKind.Kind.LIST) {
                return;
            }
            List<CelExpr> elements = arg.list().elements();
            int[] requested = {0};
            try {
                KubeStringFormat.apply(target.constant().stringValue(), elements.size(), true, (index, verb, precision) -> {
                    requested[0]++;
                    verify(ast, elements.get(index), verb);
                    return "";
                });
                if (elements.size() > requested[0]) {
                    calls.add(new long[] {e.id()});
                    messages.add("too many arguments supplied to string.format (expected " + requested[0]
                            + ", got " + elements.size() + ")");
                }
            } catch (KubeStringFormat.ArgumentException x) {
                calls.add(new long[] {x.id});
                messages.add(x.getMessage());
            } catch (KubeStringFormat.FormatException x) {
                calls.add(new long[] {e.id()});
                messages.add(x.getMessage());
            }
        });
        if (messages.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        CelSource source = ast.getSource();
        for (int k = 0; k < messages.size(); k++) {
            int offset = source.getPositionsMap().getOrDefault(calls.get(k)[0], 0);
            CelSourceLocation loc = source.getOffsetLocation(offset).orElse(CelSourceLocation.of(1, 0));
            if (k > 0) {
                sb.append('\n');
            }
            sb.append("ERROR: <input>:").append(loc.getLine()).append(':').append(loc.getColumn() + 1).append(": ")
                    .append(messages.get(k)).append("\n | ").append(source.getSnippet(loc.getLine()).orElse(""))
                    .append("\n | ").append(".".repeat(loc.getColumn())).append('^');
        }
        return sb.toString();
    }

    private static void walk(CelExpr e, java.util.function.Consumer<CelExpr> visit) {
        visit.accept(e);
        switch (e.getKind()) {
            case CALL -> {
                e.call().target().ifPresent(t -> walk(t, visit));
                e.call().args().forEach(a -> walk(a, visit));
            }
            case SELECT -> walk(e.select().operand(), visit);
            case LIST -> e.list().elements().forEach(a -> walk(a, visit));
            case MAP -> e.map().entries().forEach(en -> {
                walk(en.key(), visit);
                walk(en.value(), visit);
            });
            case STRUCT -> e.struct().entries().forEach(en -> walk(en.value(), visit));
            case COMPREHENSION -> {
                var c = e.comprehension();
                walk(c.iterRange(), visit);
                walk(c.accuInit(), visit);
                walk(c.loopCondition(), visit);
                walk(c.loopStep(), visit);
                walk(c.result(), visit);
            }
            default -> {
            }
        }
    }

    private static CelType typeOf(CelAbstractSyntaxTree ast, CelExpr e) {
        return ast.getType(e.id()).orElse(SimpleType.DYN);
    }

    /** The checker's verifyTypeOneOf: dyn passes, otherwise the kind must be one of those given. */
    private static boolean oneOf(CelType t, CelKind... kinds) {
        if (t.kind() == CelKind.DYN) {
            return true;
        }
        for (CelKind k : kinds) {
            if (t.kind() == k) {
                return true;
            }
        }
        return false;
    }

    private static void verify(CelAbstractSyntaxTree ast, CelExpr arg, char verb) throws KubeStringFormat.FormatException {
        CelType t = typeOf(ast, arg);
        String got = t.name();
        switch (verb) {
            case 's' -> verifyString(ast, arg);
            case 'd' -> {
                if (!oneOf(t, CelKind.INT, CelKind.UINT)) {
                    throw new KubeStringFormat.ArgumentException(arg.id(), "decimal clause can only be used on integers, was given "
                            + got);
                }
            }
            case 'f', 'e' -> {
                if (!oneOf(t, CelKind.DOUBLE, CelKind.STRING)) {
                    throw new KubeStringFormat.ArgumentException(arg.id(), (verb == 'f' ? "fixed-point" : "scientific")
                            + " clause can only be used on doubles, was given " + got);
                }
            }
            case 'b' -> {
                if (!oneOf(t, CelKind.INT, CelKind.UINT, CelKind.BOOL)) {
                    throw new KubeStringFormat.ArgumentException(arg.id(),
                            "only integers and bools can be formatted as binary, was given " + got);
                }
            }
            case 'o' -> {
                if (!oneOf(t, CelKind.INT, CelKind.UINT)) {
                    throw new KubeStringFormat.ArgumentException(arg.id(), "octal clause can only be used on integers, was given "
                            + got);
                }
            }
            default -> {
                if (!oneOf(t, CelKind.INT, CelKind.UINT, CelKind.STRING, CelKind.BYTES)) {
                    throw new KubeStringFormat.ArgumentException(arg.id(), "only integers, byte buffers, and strings can be "
                            + "formatted as hex, was given " + got);
                }
            }
        }
    }

    private static void verifyString(CelAbstractSyntaxTree ast, CelExpr sub) throws KubeStringFormat.FormatException {
        CelType t = typeOf(ast, sub);
        if (!oneOf(t, CelKind.LIST, CelKind.MAP, CelKind.INT, CelKind.UINT, CelKind.DOUBLE, CelKind.BOOL,
                CelKind.STRING, CelKind.TIMESTAMP, CelKind.BYTES, CelKind.DURATION, CelKind.TYPE,
                CelKind.NULL_TYPE)) {
            throw new KubeStringFormat.ArgumentException(sub.id(), "string clause can only be used on strings, bools, bytes, ints, "
                    + "doubles, maps, lists, types, durations, and timestamps, was given " + t.name());
        }
        if (sub.getKind() == CelExpr.ExprKind.Kind.LIST) {
            for (CelExpr m : sub.list().elements()) {
                verifyString(ast, m);
            }
        } else if (sub.getKind() == CelExpr.ExprKind.Kind.MAP) {
            for (var en : sub.map().entries()) {
                verifyString(ast, en.key());
                verifyString(ast, en.value());
            }
        }
    }

}
