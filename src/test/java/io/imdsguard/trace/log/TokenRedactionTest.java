package io.imdsguard.trace.log;

import org.junit.jupiter.api.Test;

import static io.imdsguard.trace.log.TraceLogParserTest.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

class TokenRedactionTest {
    @Test
    void theHeaderValueGoesToTheEndOfItsHeaderOrProcess() {
        assertThat(TokenRedaction.redact("Req details: GET / HTTP/1.1, X-aws-ec2-metadata-token: " + TOKEN + ", Accept: */*"))
                .isEqualTo("Req details: GET / HTTP/1.1, X-aws-ec2-metadata-token: **redacted**, Accept: */*");
        assertThat(TokenRedaction.redact("(pid:1:curl argv:curl -H X-AWS-EC2-METADATA-TOKEN:abc def) called by -> (pid:2:sh argv:sh)"))
                .isEqualTo("(pid:1:curl argv:curl -H X-AWS-EC2-METADATA-TOKEN: **redacted**) called by -> (pid:2:sh argv:sh)");
        assertThat(TokenRedaction.redact("(pid:1:curl argv:curl -H x-aws-ec2-metadata-token: short)"))
                .isEqualTo("(pid:1:curl argv:curl -H x-aws-ec2-metadata-token: **redacted**)");
    }

    @Test
    void theTokenRequestsTtlHeaderIsNotAToken() {
        String line = "req details: put /latest/api/token http/1.1, x-aws-ec2-metadata-token-ttl-seconds: 21600, , ";
        assertThat(TokenRedaction.redact(line)).isEqualTo(line);
    }

    @Test
    void tokenShapedTextIsRedactedAnywhereAndRedactionIsIdempotent() {
        String once = TokenRedaction.redact("argv:agent --token " + TOKEN + " --x short==");
        assertThat(once).isEqualTo("argv:agent --token **redacted** --x short==");
        String header = TokenRedaction.redact("a x-aws-ec2-metadata-token: " + TOKEN);
        assertThat(TokenRedaction.redact(header)).isEqualTo(header).doesNotContain(TOKEN.substring(0, 10));
    }
}
