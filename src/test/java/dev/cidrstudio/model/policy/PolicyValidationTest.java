package dev.cidrstudio.model.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cidrstudio.model.field.FieldError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyValidationTest {

    private static Map<String, Object> policy(Map<String, Object> validation) {
        return Map.of("metadata", Map.of("name", "p"), "spec", Map.of(
                "matchConstraints", Map.of("resourceRules", List.of(Map.of("apiGroups", List.of("networking.k8s.io"),
                        "apiVersions", List.of("v1"), "operations", List.of("CREATE"), "resources",
                        List.of("servicecidrs")))),
                "validations", List.of(validation)));
    }

    @Test
    void typeCheckingWarnsOfAFieldTheServiceCidrSchemaDoesNotHave() {
        var warnings = PolicyValidation.typeChecking(policy(Map.of("expression", "object.spec.cidr.size() > 0")));
        assertEquals(List.of(new PolicyValidation.ExpressionWarning("spec.validations[0].expression",
                "networking.k8s.io/v1, Kind=ServiceCIDR: ERROR: <input>:1:13: undefined field 'cidr'\n"
                        + " | object.spec.cidr.size() > 0\n | ............^\n")), warnings);
        // The same expression is no creation error: object is dyn when it runs.
        assertEquals(List.of(), PolicyValidation.validatePolicy(policy(Map.of("expression",
                "object.spec.cidr.size() > 0"))));
    }

    @Test
    void theDocsPolicyTypeChecksCleanly() {
        assertEquals(List.of(), PolicyValidation.typeChecking(policy(Map.of("expression",
                "object.spec.cidrs.all(c, cidr(c).prefixLength() >= 16) && object.metadata.name != 'x'",
                "messageExpression", "'bad: ' + object.spec.cidrs.join(',')"))));
    }

    @Test
    void creationErrorsUseKubeApiserversFieldsAndTexts() {
        List<String> errs = PolicyValidation.validatePolicy(policy(Map.of("expression", "size(object.spec.cidrs)",
                "messageExpression", " ", "reason", "Teapot"))).stream().map(FieldError::toString).toList();
        assertEquals(List.of("spec.validations[0].expression: Invalid value: \"size(object.spec.cidrs)\": must "
                + "evaluate to bool but got int",
                "spec.validations[0].messageExpression: Invalid value: \" \": must be non-empty if specified",
                "spec.validations[0].reason: Unsupported value: \"Teapot\": supported values: \"Forbidden\", "
                        + "\"Invalid\", \"RequestEntityTooLarge\", \"Unauthorized\""), errs);
        // A dyn result passes here (object is dyn); kube-apiserver types variables precisely, the planner does not.
        assertEquals(List.of(), PolicyValidation.validatePolicy(policy(Map.of("expression", "object.spec.x"))));
    }

    @Test
    void bindingRules() {
        List<String> errs = PolicyValidation.validateBinding(Map.of("metadata", Map.of("name", "b"), "spec",
                Map.of("validationActions", List.of("Audit", "Audit", "Block"), "paramRef", Map.of())))
                .stream().map(FieldError::toString).toList();
        assertEquals(List.of("spec.policyName: Required value",
                "spec.paramRef: Required value: one of name or selector must be specified",
                "spec.paramRef.parameterNotFoundAction: Required value",
                "spec.validationActions[1]: Duplicate value: \"Audit\"",
                "spec.validationActions[2]: Unsupported value: \"Block\": supported values: \"Audit\", \"Deny\", "
                        + "\"Warn\""), errs);
    }

    @Test
    void matchConditionsAreAtMost64WithQualifiedUniqueNames() {
        List<Object> conditions = new java.util.ArrayList<>();
        conditions.add(Map.of("name", "bad name!", "expression", "true"));
        conditions.add(Map.of("name", "example.com/ok", "expression", "true"));
        conditions.add(Map.of("name", "example.com/ok", "expression", "true"));
        for (int i = 3; i < 65; i++) {
            conditions.add(Map.of("name", "c" + i, "expression", "true"));
        }
        Map<String, Object> p = Map.of("metadata", Map.of("name", "p"), "spec", Map.of(
                "matchConstraints", Map.of("resourceRules", List.of(Map.of("apiGroups", List.of("*"),
                        "apiVersions", List.of("*"), "operations", List.of("*"), "resources", List.of("*")))),
                "matchConditions", conditions, "validations", List.of(Map.of("expression", "true"))));
        List<String> errs = PolicyValidation.validatePolicy(p).stream().map(FieldError::toString).toList();
        assertEquals(List.of("spec.matchConditions: Too many: 65: must have at most 64 items",
                "spec.matchConditions[0].name: Invalid value: \"bad name!\": name part must consist of alphanumeric "
                        + "characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. "
                        + "'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
                        + "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
                "spec.matchConditions[2].name: Duplicate value: \"example.com/ok\""), errs);
    }
}
