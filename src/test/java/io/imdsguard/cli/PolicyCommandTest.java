package io.imdsguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code imdsguard policy simulate}, in process. */
class PolicyCommandTest {
    private static final String ALLOW_GET = """
            {"identityPolicies": [{"Version": "2012-10-17", "Statement": [{"Sid": "Read", "Effect": "Allow",
              "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*",
              "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}}]}],
             "request": {"action": "s3:GetObject", "resource": "arn:aws:s3:::b/k",
                         "context": {"aws:SourceIp": "%s"}}}""";

    @TempDir
    Path dir;

    /** The last run: each test asserts on the output of the command it just ran. */
    private CliRun last;

    private int run(String... args) {
        last = CliRun.of(args);
        return last.exit();
    }

    private String file(String content) throws Exception {
        Path f = dir.resolve("request.json");
        Files.writeString(f, content);
        return f.toString();
    }

    @Test
    void singleObjectGivesOneResult() throws Exception {
        int code = run("policy", "simulate", "--input", file(ALLOW_GET.formatted("203.0.113.7")));

        assertThat(code).isEqualTo(0);
        JsonNode result = new ObjectMapper().readTree(last.out());
        assertThat(result.isObject()).isTrue();
        assertThat(result.get("decision").asText()).isEqualTo("Allowed");
        assertThat(result.get("conditional").asBoolean()).isTrue();
        assertThat(result.get("decidedBy").get(0).asText()).isEqualTo("identityPolicies[0]#Read");
        assertThat(last.err()).isEmpty();
    }

    @Test
    void arrayGivesResultsInInputOrder() throws Exception {
        String input = "[" + ALLOW_GET.formatted("198.51.100.1") + "," + ALLOW_GET.formatted("203.0.113.7") + "]";

        int code = run("policy", "simulate", "--input", file(input));

        assertThat(code).isEqualTo(0);
        JsonNode results = new ObjectMapper().readTree(last.out());
        assertThat(results.isArray()).isTrue();
        assertThat(results).hasSize(2);
        assertThat(results.get(0).get("decision").asText()).isEqualTo("ImplicitlyDenied");
        assertThat(results.get(1).get("decision").asText()).isEqualTo("Allowed");
    }

    @Test
    void inputThatIsNotJsonExitsTwoWithOneLine() throws Exception {
        int code = run("policy", "simulate", "--input", file("{\"request\": "));

        assertThat(code).isEqualTo(ExitCode.USAGE_ERROR.code());
        assertThat(last.err().strip()).startsWith("imdsguard: ").contains("request.json:1:").contains("not valid JSON")
                .doesNotContain("\n").doesNotContain("REDACTED").doesNotContain("StreamReadFeature");
        assertThat(last.out()).isEmpty();
    }

    @Test
    void anAddressThatIsNoAddressIsAnErrorNotADeny() throws Exception {
        // IAM refuses such a policy; read as "never matches", the typo would pass for a deliberate deny.
        int code = run("policy", "simulate", "--input", file(ALLOW_GET.formatted("203.0.113.7").replace("203.0.113.0/24", "203.0.113.0/33")));
        assertThat(code).isEqualTo(2);
        assertThat(last.err()).contains("IpAddress aws:SourceIp: '203.0.113.0/33' is not an IP address or CIDR");
        code = run("policy", "simulate", "--input", file(ALLOW_GET.formatted("not-an-ip")));
        assertThat(code).isEqualTo(2);
        assertThat(last.err()).contains("request.context.aws:SourceIp: 'not-an-ip' is not an IP address");
    }

    @Test
    void aSingleRequestWithoutActionExitsTwoNamingIt() throws Exception {
        int code = run("policy", "simulate", "--input", file("{\"request\": {\"resource\": \"*\"}}"));

        assertThat(code).isEqualTo(2);
        assertThat(last.err().strip()).endsWith("request.json: item 0: request.action is missing").doesNotContain("\n");
        assertThat(last.out()).isEmpty();
    }

    @Test
    void aResourcePolicyStatementWithoutPrincipalIsRefusedAsAwsRefusesIt() throws Exception {
        String input = """
                {"resourcePolicy": {"Version": "2012-10-17", "Statement": [
                   {"Effect": "Allow", "Principal": "*", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::b"},
                   {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]},
                 "request": {"action": "s3:GetObject", "resource": "arn:aws:s3:::b/k"}}""";

        int code = run("policy", "simulate", "--input", file(input));

        assertThat(code).isEqualTo(2);
        assertThat(last.err().strip()).contains("resourcePolicy statement #1: a resource policy statement needs a "
                + "Principal or NotPrincipal").doesNotContain("\n");
        assertThat(last.out()).isEmpty();
    }

    @Test
    void inAnArrayAnItemThatCannotBeEvaluatedAnswersAnErrorInItsPlace() throws Exception {
        String badPrincipal = """
                {"resourcePolicy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "someone",
                   "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]},
                 "request": {"action": "s3:GetObject", "resource": "arn:aws:s3:::b/k"}}""";
        String principalNotAString = """
                {"request": {"action": "s3:GetObject", "principal": {"AWS": "arn:aws:iam::123456789012:role/r"}}}""";
        String input = "[" + ALLOW_GET.formatted("203.0.113.7") + ", " + badPrincipal + ", {\"request\": {}}, "
                + principalNotAString + ", " + ALLOW_GET.formatted("198.51.100.1") + "]";

        int code = run("policy", "simulate", "--input", file(input));

        assertThat(code).isEqualTo(0);
        JsonNode results = new ObjectMapper().readTree(last.out());
        assertThat(results).hasSize(5);
        assertThat(results.get(0).get("decision").asText()).isEqualTo("Allowed");
        assertThat(results.get(1).get("error").asText()).contains("policy resourcePolicy statement #0: Principal");
        assertThat(results.get(2).get("error").asText()).isEqualTo("request.action is missing");
        assertThat(results.get(3).get("error").asText()).startsWith("request.principal must be a string");
        assertThat(results.get(4).get("decision").asText()).isEqualTo("ImplicitlyDenied");
        assertThat(results.get(1).has("decision")).isFalse();
        assertThat(last.err().strip()).startsWith("imdsguard: ").contains("request.json: 3 of 5 items could not be evaluated")
                .doesNotContain("\n");
    }

    @Test
    void aMisspeltKeyIsRefusedNamingTheKeyAndTheItemInsteadOfBeingIgnored() throws Exception {
        String typo = ALLOW_GET.formatted("203.0.113.7").replace("\"request\"",
                "\"permissionsBoundaries\": [{\"Version\": \"2012-10-17\", \"Statement\": []}], \"request\"");
        String input = "[" + String.join(", ", ALLOW_GET.formatted("203.0.113.7"), ALLOW_GET.formatted("203.0.113.7"),
                ALLOW_GET.formatted("203.0.113.7"), typo) + "]";

        int code = run("policy", "simulate", "--input", file(input));

        assertThat(code).isEqualTo(ExitCode.USAGE_ERROR.code());
        assertThat(last.err().strip()).endsWith("request.json: item 3: unknown key 'permissionsBoundaries' (expected one of: "
                + "identityPolicies, permissionBoundaries, serviceControlPolicies, resourcePolicy, request, "
                + "resourceControlPolicies, managementAccount)")
                .doesNotContain("\n");
        assertThat(last.out()).isEmpty();
    }

    @Test
    void unknownKeysInTheRequestAndInAnScpLevelAreRefusedToo() throws Exception {
        int code = run("policy", "simulate", "--input",
                file("{\"request\": {\"action\": \"s3:GetObject\", \"resourceArn\": \"arn:aws:s3:::b/k\"}}"));

        assertThat(code).isEqualTo(2);
        assertThat(last.err()).contains("item 0: unknown key 'resourceArn' in request (expected one of: action, resource, "
                + "resourceAccount, principal, context)");

        code = run("policy", "simulate", "--input", file("[{\"request\": {\"action\": \"s3:GetObject\"}}, "
                + "{\"serviceControlPolicies\": [{\"orgIdentifier\": \"r-1\", \"policies\": [], \"polices\": []}], "
                + "\"request\": {\"action\": \"s3:GetObject\"}}]"));

        assertThat(code).isEqualTo(2);
        assertThat(last.err()).contains("item 1: unknown key 'polices' in serviceControlPolicies[0] "
                + "(expected one of: orgIdentifier, policies)");
        assertThat(last.out()).isEmpty();
    }

    @Test
    void dashReadsTheInputFromStdin() {
        java.io.InputStream stdin = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream(ALLOW_GET.formatted("203.0.113.7")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            int code = run("policy", "simulate", "--input", "-");

            assertThat(code).isEqualTo(0);
            assertThat(last.out()).contains("\"decision\" : \"Allowed\"");
        } finally {
            System.setIn(stdin);
        }
    }

    @Test
    void unknownConditionOperatorNamesItemAndPolicy() throws Exception {
        String input = ALLOW_GET.formatted("203.0.113.7").replace("IpAddress", "IpInRange");

        int code = run("policy", "simulate", "--input", file(input));

        assertThat(code).isEqualTo(2);
        assertThat(last.err()).contains("item 0: policy identityPolicies[0] statement #0: "
                + "unknown condition operator 'IpInRange'");
    }

    @Test
    void scpLevelWithoutPoliciesIsRejected() throws Exception {
        String input = "{\"serviceControlPolicies\": [{\"orgIdentifier\": \"r-1\"}], "
                + "\"request\": {\"action\": \"s3:GetObject\"}}";

        int code = run("policy", "simulate", "--input", file(input));

        assertThat(code).isEqualTo(2);
        assertThat(last.err()).contains("item 0: serviceControlPolicies[0] must be an object");
    }

    @Test
    void unreadableFileExitsTwo() {
        int code = run("policy", "simulate", "--input", dir.resolve("absent.json").toString());

        assertThat(code).isEqualTo(2);
        assertThat(last.err().strip()).isEqualTo("imdsguard: " + dir.resolve("absent.json") + ": no such file");
    }

    @Test
    void dashReadsStdinAndNamesItInErrors() throws Exception {
        CliRun ok = CliRun.withStdin(ALLOW_GET.formatted("203.0.113.7"), "policy", "simulate", "--input", "-");
        assertThat(ok.exit()).as(ok.err()).isZero();
        assertThat(new ObjectMapper().readTree(ok.out()).get("decision").asText()).isEqualTo("Allowed");
        CliRun bad = CliRun.withStdin("{\"request\": ", "policy", "simulate", "--input", "-");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).startsWith("imdsguard: stdin:1:13: not valid JSON");
    }

    @Test
    void failedWriteToStdoutExitsTwo() throws Exception {
        java.io.OutputStream broken = new java.io.OutputStream() {
            @Override
            public void write(int b) throws java.io.IOException {
                throw new java.io.IOException("No space left on device");
            }
        };
        CliRun run = CliRun.withStdout(broken, "policy", "simulate", "--input", file(ALLOW_GET.formatted("203.0.113.7")));
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip().lines()).singleElement().asString().startsWith("imdsguard: cannot write to stdout");
    }

    @Test
    void helpShowsAnExample() {
        int code = run("policy", "simulate", "--help");

        assertThat(code).isEqualTo(0);
        assertThat(last.out()).contains("imdsguard policy simulate --input request.json").contains("decidedBy");
    }
}
