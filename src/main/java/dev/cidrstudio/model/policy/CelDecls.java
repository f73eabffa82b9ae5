package dev.cidrstudio.model.policy;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.CelType;

/** Short forms for declaring the functions of Kubernetes' CEL libraries, as cel-go's {@code cel.Function} reads. */
final class CelDecls {

    private CelDecls() {
    }

    static CelFunctionDecl fn(String name, CelOverloadDecl... overloads) {
        return CelFunctionDecl.newFunctionDeclaration(name, overloads);
    }

    /** {@code cel.Overload}: called as {@code name(args)}. */
    static CelOverloadDecl global(String id, CelType result, CelType... args) {
        return CelOverloadDecl.newGlobalOverload(id, result, args);
    }

    /** {@code cel.MemberOverload}: called as {@code receiver.name(args)}; the receiver is the first type. */
    static CelOverloadDecl member(String id, CelType result, CelType... args) {
        return CelOverloadDecl.newMemberOverload(id, result, args);
    }
}
