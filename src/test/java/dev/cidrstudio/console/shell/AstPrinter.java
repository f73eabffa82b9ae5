package dev.cidrstudio.console.shell;

import java.util.stream.Collectors;

/** A syntax tree as one line of text, so a test table can state the tree it expects. */
final class AstPrinter {

    private AstPrinter() {
    }

    static String print(Ast node) {
        if (node instanceof Ast.SimpleCommand c) {
            StringBuilder sb = new StringBuilder("(cmd");
            c.assignments().forEach(a -> sb.append(' ').append(a.name()).append('=').append(word(a.value())));
            c.words().forEach(w -> sb.append(' ').append(word(w)));
            c.redirects().forEach(r -> sb.append(' ').append(redirect(r)));
            return sb.append(')').toString();
        } else if (node instanceof Ast.Pipeline p) {
            return "(" + (p.negated() ? "! " : "") + "pipe " + p.stages().stream().map(AstPrinter::print)
                    .collect(Collectors.joining(" ")) + ")";
        } else if (node instanceof Ast.AndOr a) {
            return "(" + (a.and() ? "and " : "or ") + print(a.left()) + " " + print(a.right()) + ")";
        } else if (node instanceof Ast.Sequence s) {
            return "(seq " + s.items().stream().map(AstPrinter::print).collect(Collectors.joining(" ")) + ")";
        } else if (node instanceof Ast.ForLoop f) {
            return "(for " + f.variable() + " in" + f.items().stream().map(w -> " " + word(w))
                    .collect(Collectors.joining()) + " do " + print(f.body()) + ")";
        } else if (node instanceof Ast.WhileLoop w) {
            return "(" + (w.until() ? "until " : "while ") + print(w.condition()) + " do " + print(w.body()) + ")";
        } else if (node instanceof Ast.IfClause i) {
            StringBuilder sb = new StringBuilder("(if");
            i.branches().forEach(b -> sb.append(' ').append(print(b.condition())).append(" then ")
                    .append(print(b.body())));
            if (i.orElse() != null) {
                sb.append(" else ").append(print(i.orElse()));
            }
            return sb.append(')').toString();
        } else if (node instanceof Ast.Group g) {
            return g.subshell() ? "(subshell " + print(g.body()) + ")" : "(group " + print(g.body()) + ")";
        } else if (node instanceof Ast.Redirected r) {
            return "(redirected " + print(r.body()) + r.redirects().stream().map(x -> " " + redirect(x))
                    .collect(Collectors.joining()) + ")";
        } else if (node instanceof Ast.FunctionDefinition f) {
            return "(function " + f.name() + ")";
        }
        throw new IllegalArgumentException(String.valueOf(node));
    }

    static String word(Ast.Word w) {
        StringBuilder sb = new StringBuilder();
        for (Ast.Part p : w.parts()) {
            if (p instanceof Ast.Literal l) {
                sb.append(l.quoted() ? "'" + l.text() + "'" : l.text());
            } else if (p instanceof Ast.Parameter param) {
                String inner = param.operator().equals("#") ? "#" + param.name()
                        : param.name() + param.operator() + (param.operand() == null ? "" : word(param.operand()));
                sb.append(param.quoted() ? "\"" : "").append("${").append(inner).append('}')
                        .append(param.quoted() ? "\"" : "");
            } else if (p instanceof Ast.CommandSubstitution sub) {
                sb.append(sub.quoted() ? "\"" : "").append("$").append(print(sub.body()))
                        .append(sub.quoted() ? "\"" : "");
            } else if (p instanceof Ast.Arithmetic a) {
                sb.append("$((").append(word(a.expression())).append("))");
            }
        }
        return sb.toString();
    }

    private static String redirect(Ast.Redirect r) {
        String op = switch (r.op()) {
            case WRITE -> ">";
            case APPEND -> ">>";
            case READ -> "<";
            case DUPLICATE -> ">&";
            case WRITE_BOTH -> "&>";
            case HEREDOC -> "<<";
            case HERESTRING -> "<<<";
        };
        return (r.fd() >= 0 ? String.valueOf(r.fd()) : "") + op + word(r.target()).replace("\n", "\\n");
    }
}
