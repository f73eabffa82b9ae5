package dev.cidrstudio.console.shell;

import java.util.List;

/**
 * The syntax tree of the shell subset the console runs: the command forms of the POSIX shell grammar, each node
 * with the line it starts on so an error can name it.
 */
public sealed interface Ast {

    /** The script line this node starts on, counted from 1. */
    int line();

    /** {@code NAME=value ... word ... redirections}: the one node that runs a command. */
    record SimpleCommand(List<Assignment> assignments, List<Word> words, List<Redirect> redirects, int line)
            implements Ast {
    }

    /** {@code [!] a | b | c}. */
    record Pipeline(List<Ast> stages, boolean negated, int line) implements Ast {
    }

    /** {@code left && right} or {@code left || right}; a chain nests to the left, as the shell reads it. */
    record AndOr(Ast left, boolean and, Ast right, int line) implements Ast {
    }

    /** Commands run one after another, as {@code ;} or a newline separates them. */
    record Sequence(List<Ast> items, int line) implements Ast {
    }

    /** {@code for NAME in WORDS; do BODY; done}. */
    record ForLoop(String variable, List<Word> items, Ast body, int line) implements Ast {
    }

    /** {@code while CONDITION; do BODY; done}, or {@code until} when the condition must fail. */
    record WhileLoop(Ast condition, Ast body, boolean until, int line) implements Ast {
    }

    /** {@code if C; then B; elif C; then B; else E; fi}; {@code orElse} is null without {@code else}. */
    record IfClause(List<Branch> branches, Ast orElse, int line) implements Ast {
    }

    /** {@code { LIST; }}, or {@code ( LIST )} when {@code subshell}: its variables do not leak out. */
    record Group(Ast body, boolean subshell, int line) implements Ast {
    }

    /** A compound command with redirections after it: {@code done <<EOF}, {@code { a; b; } > file}. */
    record Redirected(Ast body, List<Redirect> redirects, int line) implements Ast {
    }

    /** {@code NAME() { ... }}: only its name is kept; the console has its runbook functions built in. */
    record FunctionDefinition(String name, int line) implements Ast {
    }

    /** One {@code if} or {@code elif} arm. */
    record Branch(Ast condition, Ast body) {
    }

    /** {@code NAME=value}, before a command or alone. */
    record Assignment(String name, Word value) {
    }

    /** A word before expansion: literal text, quoted text and expansions, in order. */
    record Word(List<Part> parts) {

        /** The text when the word is one unquoted literal (how reserved words are recognised); else null. */
        public String plainText() {
            if (parts.size() == 1 && parts.get(0) instanceof Literal l && !l.quoted()) {
                return l.text();
            }
            return null;
        }

        public static Word literal(String text) {
            return new Word(List.of(new Literal(text, false)));
        }
    }

    /** A piece of a word; {@code quoted} ones are not split into fields. */
    sealed interface Part {
        boolean quoted();
    }

    record Literal(String text, boolean quoted) implements Part {
    }

    /**
     * {@code $NAME}, {@code ${NAME}}, {@code $?}; {@code operator} is one of {@code :- - := :+ #} (length) or
     * empty, with its {@code operand}.
     */
    record Parameter(String name, String operator, Word operand, boolean quoted) implements Part {
    }

    /** {@code $(LIST)} or a backquoted command. */
    record CommandSubstitution(Ast body, boolean quoted) implements Part {
    }

    /** {@code $((EXPRESSION))}: the expression is expanded, then evaluated as integer arithmetic. */
    record Arithmetic(Word expression, boolean quoted) implements Part {
    }

    /** The redirection operators the console knows. */
    enum RedirectOp {
        /** {@code >} and {@code >|}. */
        WRITE,
        /** {@code >>}. */
        APPEND,
        /** {@code <}. */
        READ,
        /** {@code >&N} and {@code N>&M}. */
        DUPLICATE,
        /** {@code &>}: standard output and error into one file. */
        WRITE_BOTH,
        /** {@code <<}, {@code <<-}: the target is the document's text. */
        HEREDOC,
        /** {@code <<<}: the target word and a newline. */
        HERESTRING
    }

    /** {@code [fd]OP target}; {@code fd} is -1 when not written (the operator's default). */
    record Redirect(int fd, RedirectOp op, Word target) {
    }
}
