package io.imdsguard.examples;

import io.imdsguard.cli.CliRun;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped rule tests (examples/rule-tests) pass: the demo fleet, through the real network and IAM
 * analyzers and the bundled rule pack, yields exactly the findings it was built to show.
 */
class ExampleRuleTestsTest {
    @Test
    void shippedRuleTestsPass() {
        Path cases = Path.of(System.getProperty("imdsguard.projectDir", "."), "examples/rule-tests");

        CliRun run = CliRun.of("rules", "test", cases.toString());

        assertThat(run.exit()).as("stdout:%n%s%nstderr:%n%s", run.out(), run.err()).isZero();
        assertThat(run.out()).contains("PASS demo-fleet").contains("1 passed, 0 failed");
    }
}
