package io.imdsguard.examples;

import io.imdsguard.cli.ImdsguardCommand;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped rule tests (examples/rule-tests) pass: the demo fleet, through the real network and IAM
 * analyzers and the bundled rule pack, yields exactly the findings it was built to show.
 */
class ExampleRuleTestsTest {
    @Test
    void shippedRuleTestsPass() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = ImdsguardCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        Path cases = Path.of(System.getProperty("imdsguard.projectDir", "."), "examples/rule-tests");

        int code = cl.execute("rules", "test", cases.toString());

        assertThat(code).as("stdout:%n%s%nstderr:%n%s", out, err).isZero();
        assertThat(out.toString()).contains("PASS demo-fleet").contains("1 passed, 0 failed");
    }
}
