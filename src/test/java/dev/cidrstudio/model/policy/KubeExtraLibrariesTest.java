package dev.cidrstudio.model.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Kubernetes' url, format and semver CEL libraries and cel-go's string format, with the examples their sources
 * document; values in the one-line form of {@code cidrstudio cel}, errors in Go's text.
 */
class KubeExtraLibrariesTest {

    private static final KubeCel CEL = KubeCel.shared();

    private static String run(String expression) {
        KubeCel.Outcome o = CEL.evaluate(expression, Map.of());
        if (o.compileError() != null) {
            return "compile: " + o.compileError();
        }
        return o.error() != null ? "error: " + o.error() : CelValues.format(o.value());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "url('/path').getScheme()                                   | \"\"",
        "url('https://example.com/').getScheme()                    | \"https\"",
        "url('https://example.com:80/').getHost()                   | \"example.com:80\"",
        "url('https://[::1]:80/').getHost()                         | \"[::1]:80\"",
        "url('https://[::1]/').getHost()                            | \"[::1]\"",
        "url('/path').getHost()                                     | \"\"",
        "url('https://127.0.0.1:80/').getHostname()                 | \"127.0.0.1\"",
        "url('https://[::1]:80/').getHostname()                     | \"::1\"",
        "url('https://example.com/').getPort()                      | \"\"",
        "url('https://example.com/path with spaces/').getEscapedPath() | \"/path%20with%20spaces/\"",
        "url('https://example.com').getEscapedPath()                | \"\"",
        "url('https://example.com/path?k1=a&k2=b&k2=c').getQuery()  | {\"k1\":[\"a\"],\"k2\":[\"b\",\"c\"]}",
        "url('https://example.com/path?').getQuery()                | {}",
        "isURL('https://user:pass@example.com:80/path?query=val#fragment') | true",
        "isURL('https://a:b:c/')                                    | false",
        "isURL('../relative-path')                                  | false",
        "url('https://a:b:c/')                                      | error: URL parse error during conversion from "
                + "string: parse \"https://a:b:c/\": invalid port \":c\" after host",
        "url('../relative-path')                                    | error: URL parse error during conversion from "
                + "string: parse \"../relative-path\": invalid URI for request",
        "url('https://exa mple.com/')                               | error: URL parse error during conversion from "
                + "string: parse \"https://exa mple.com/\": invalid character \" \" in host name",
    })
    void urls(String expression, String expected) {
        assertEquals(expected, run(expression));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "format.dns1123Label().validate('my-label-name')            | optional.none()",
        "format.dns1123Subdomain().validate('apiextensions.k8s.io') | optional.none()",
        "format.qualifiedName().validate('apiextensions.k8s.io/v1beta1') | optional.none()",
        "format.dns1123LabelPrefix().validate('my-label-prefix-')  | optional.none()",
        "format.dns1035LabelPrefix().validate('my-label-prefix-')  | optional.none()",
        "format.uri().validate('http://example.com')                | optional.none()",
        "format.uuid().validate('123e4567-e89b-12d3-a456-426614174000') | optional.none()",
        "format.byte().validate('aGVsbG8=')                         | optional.none()",
        "format.date().validate('2021-01-01')                       | optional.none()",
        "format.datetime().validate('2021-01-01T00:00:00Z')         | optional.none()",
        "format.named('dns1035Label').hasValue()                    | true",
        "format.named('email').hasValue()                           | false",
        "format.dns1035Label().validate('1abc')                     | optional.of([\"a DNS-1035 label must consist of "
                + "lower case alphanumeric characters or '-', start with an alphabetic character, and end with an "
                + "alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is "
                + "'[a-z]([-a-z0-9]*[a-z0-9])?')\"])",
        "format.qualifiedName().validate('/x')                      | optional.of([\"prefix part must be non-empty\"])",
        "format.uuid().validate('nope')                             | optional.of([\"does not match the UUID format\"])",
        "format.byte().validate('a')                                | optional.of([\"invalid base64\"])",
        "format.date().validate('2021-02-30')                       | optional.of([\"invalid date\"])",
        "format.uri().validate('x')                                 | optional.of([\"parse \\\"x\\\": invalid URI for "
                + "request\"])",
    })
    void formats(String expression, String expected) {
        assertEquals(expected, run(expression));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "semver('1.2.3').major()                                    | 1",
        "semver('0.1.0-alpha.1').minor()                            | 1",
        "semver('v1.0.0', true)                                     | semver(\"1.0.0\")",
        "semver('1.0', true)                                        | semver(\"1.0.0\")",
        "semver('01.01.01', true)                                   | semver(\"1.1.1\")",
        "isSemver('1.0.0')                                          | true",
        "isSemver('hello')                                          | false",
        "isSemver('v1.0')                                           | false",
        "isSemver('v1.0', true)                                     | true",
        "semver('1.2.3').compareTo(semver('1.2.3'))                 | 0",
        "semver('1.2.3').compareTo(semver('2.0.0'))                 | -1",
        "semver('1.2.3').compareTo(semver('0.1.2'))                 | 1",
        "semver('1.0.0-alpha').isLessThan(semver('1.0.0-alpha.1'))  | true",
        "semver('1.0.0-alpha.1').isLessThan(semver('1.0.0-alpha.beta')) | true",
        "semver('1.0.0-rc.1').isLessThan(semver('1.0.0'))           | true",
        "semver('1.0.0+build.1') == semver('1.0.0')                 | true",
        "semver('200K')                                             | error: No Major.Minor.Patch elements found",
        "semver('1.2.x')                                            | error: Invalid character(s) found in patch "
                + "number \"x\"",
        "semver('1.0', true).patch()                                | 0",
        "semver('1.0-rc', true)                                     | error: short version cannot contain "
                + "PreRelease/Build meta data",
    })
    void semver(String expression, String expected) {
        assertEquals(expected, run(expression));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "'%s is not allowed'.format(['10.0.0.0/8'])                 | \"10.0.0.0/8 is not allowed\"",
        "'%s'.format([['10.0.0.0/8', 'fd00::/108']])                | \"[\\\"10.0.0.0/8\\\", \\\"fd00::/108\\\"]\"",
        "'%d of %d'.format([3, 12])                                 | \"3 of 12\"",
        "'%.2f'.format([1234.5])                                    | \"1,234.50\"",
        "'%e'.format([1234.5])                                      | \"1.234500e+03\"",
        "'%x %X %b %o'.format([255, 255, 5, 8])                     | \"ff FF 101 10\"",
        "'%s'.format([{'b': 1, 'a': 2}])                            | \"{\\\"a\\\":2, \\\"b\\\":1}\"",
        "'%s'.format([2.5])                                         | \"2.5\"",
        "'%s'.format([1e7])                                         | \"1e+07\"",
        "'100%%'.format([])                                         | \"100%\"",
        "'%d'.format([dyn('a')])                                    | error: error during formatting: decimal clause "
                + "can only be used on integers, was given string",
        "'%s %s'.format(dyn(['a']))                                 | error: index 1 out of range",
    })
    void stringFormat(String expression, String expected) {
        assertEquals(expected, run(expression));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "quantity('12Mi')                                           | quantity(\"12Mi\")",
        "quantity('10Mo')                                           | error: quantities must match the regular "
                + "expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
        "quantity('10Mm')                                           | error: unable to parse quantity's suffix",
        "isQuantity('20Mi')                                         | true",
        "isQuantity('10Mm')                                         | false",
        "quantity('200M') == quantity('0.2G') && quantity('0.2G') == quantity('200M') | true",
        "quantity('2M') == quantity('0.002G') && quantity('2000k') == quantity('2M') | true",
        "quantity('200M') == quantity('0.3G')                       | false",
        "quantity('50M').isLessThan(quantity('50Mi'))               | true",
        "quantity('150Mi').isGreaterThan(quantity('100Mi'))         | true",
        "quantity('200M').compareTo(quantity('0.2G'))               | 0",
        "quantity('50M').compareTo(quantity('50Mi'))                | -1",
        "quantity('50k').add(quantity('20')) == quantity('50.02k')  | true",
        "quantity('50k').add(20).isLessThan(quantity('50020'))      | false",
        "quantity('50k').sub(quantity('20')) == quantity('49.98k')  | true",
        "quantity('50k').add(20).sub(quantity('100k')).asInteger()  | -49980",
        "quantity('50k').add(20).sub(quantity('100k')).sub(-50000).asInteger() | 20",
        "quantity('9999999999999999999999999999999999999G').asInteger() | error: cannot convert value to integer",
        "quantity('9999999999999999999999999999999999999G').isInteger() | false",
        "quantity('50').isInteger()                                 | true",
        "quantity('50.703k').asApproximateFloat()                   | 50703",
        "sign(quantity('-1.5Gi'))                                   | -1",
        // An amount kept as an inf.Dec (a fraction of a binary unit) is never an int64, whole or not.
        "quantity('0.5Ki').isInteger()                              | false",
        "quantity('1n').add(quantity('1n')) == quantity('2n')       | true",
    })
    void quantities(String expression, String expected) {
        assertEquals(expected, run(expression));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "authorizer.group('networking.k8s.io').resource('servicecidrs').check('create').allowed() | true",
        "authorizer.group('').resource('pods').namespace('default').check('create').reason() | \"RBAC: allowed by "
                + "ClusterRoleBinding \\\"kubeadm:cluster-admins\\\" of ClusterRole \\\"cluster-admin\\\" to Group "
                + "\\\"kubeadm:cluster-admins\\\"\"",
        "authorizer.requestResource.check('create').allowed()       | true",
        "authorizer.serviceAccount('default', 'x').group('').resource('pods').check('list').allowed() | false",
        "authorizer.serviceAccount('default', 'x').group('').resource('pods').check('list').reason() | \"\"",
        "authorizer.serviceAccount('default', 'x').path('/healthz').check('get').allowed() | true",
        "authorizer.serviceAccount('default', 'x').path('/metrics').check('get').allowed() | false",
        "authorizer.group('').resource('pods').check('get').errored() | false",
        "authorizer.path(' ')                                       | error: path must not be empty",
        "authorizer.group('apps').resource('')                      | error: resource must not be empty",
        "authorizer.serviceAccount('default', 'bad@name')           | error: Invalid service account name",
        "authorizer.serviceAccount('Bad_NS', 'x')                   | error: Invalid service account namespace",
    })
    void authorization(String expression, String expected) {
        assertEquals(expected, run(expression));
    }

    @org.junit.jupiter.api.Test
    void aMessageExpressionCannotUseTheAuthorizer() {
        Map<String, Object> policy = Map.of("metadata", Map.of("name", "p"), "spec", Map.of(
                "matchConstraints", Map.of("resourceRules", java.util.List.of(Map.of("apiGroups",
                        java.util.List.of("*"), "apiVersions", java.util.List.of("*"), "operations",
                        java.util.List.of("*"), "resources", java.util.List.of("*")))),
                "validations", java.util.List.of(Map.of("expression", "authorizer.requestResource.check('create')"
                        + ".allowed()", "messageExpression", "authorizer.group('').resource('pods').check('get')"
                        + ".reason()"))));
        var errs = PolicyValidation.validatePolicy(policy);
        assertEquals(1, errs.size(), errs.toString());
        assertEquals("spec.validations[0].messageExpression: Invalid value: \"authorizer.group('').resource('pods')"
                + ".check('get').reason()\": compilation failed: ERROR: <input>:1:1: undeclared reference to "
                + "'authorizer' (in container '')\n | authorizer.group('').resource('pods').check('get').reason()\n"
                + " | ^", errs.get(0).toString());
    }

    @org.junit.jupiter.api.Test
    void literalFormatArgumentsAreCheckedWhenTheExpressionCompiles() {
        assertEquals("compile: ERROR: <input>:1:14: error during formatting: decimal clause can only be used on "
                + "integers, was given string\n | '%d'.format(['a'])\n | .............^", run("'%d'.format(['a'])"));
        assertEquals("compile: ERROR: <input>:1:12: too many arguments supplied to string.format (expected 1, got 2)"
                + "\n | '%s'.format(['a', 'b'])\n | ...........^", run("'%s'.format(['a', 'b'])"));
        assertEquals("compile: ERROR: <input>:1:12: could not parse formatting clause: unrecognized formatting "
                + "clause \"q\"\n | '%q'.format(['a'])\n | ...........^", run("'%q'.format(['a'])"));
        assertEquals("compile: ERROR: <input>:1:16: error during formatting: string clause can only be used on "
                + "strings, bools, bytes, ints, doubles, maps, lists, types, durations, and timestamps, was given "
                + "net.IP\n | '%s'.format([ip('1.2.3.4')])\n | ...............^",
                run("'%s'.format([ip('1.2.3.4')])"));
    }

    @org.junit.jupiter.api.Test
    void semverArrivedIn133SoNewExpressionsOn133CannotUseIt() {
        assertNull(CEL.at(33).compileError("semver('1.0.0').major() == 1"));
        assertEquals("ERROR: <input>:1:7: undeclared reference to 'semver' (in container '')\n"
                + " | semver('1.0.0').major() == 1\n"
                + " | ......^", CEL.at(32).compileError("semver('1.0.0').major() == 1"));
    }
}
