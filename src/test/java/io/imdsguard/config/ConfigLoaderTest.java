package io.imdsguard.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void bundledConfigHoldsTheDefaults() throws Exception {
        ScanConfig config = ConfigLoader.load(Path.of(System.getProperty("imdsguard.projectDir", "."), "config/imdsguard.yaml"));
        assertThat(config.exposureSettings().minIpv4Addresses()).isEqualTo(BigInteger.TWO.pow(24));
        assertThat(config.exposureSettings().minIpv6Addresses()).isEqualTo(BigInteger.TWO.pow(96));
        assertThat(config.exposureSettings().trustedCidrs()).isEmpty();
        assertThat(config.concurrency()).isEqualTo(8);
        assertThat(config.failOn()).isEqualTo("high");
        assertThat(config.formats()).containsExactly("table");
        assertThat(config.org()).isFalse();
        // Every key is there, set or commented, so the file documents them all.
        String text = Files.readString(
                Path.of(System.getProperty("imdsguard.projectDir", "."), "config/imdsguard.yaml"));
        for (var component : ScanConfig.class.getRecordComponents()) {
            assertThat(text).as(component.getName()).containsPattern("(?m)^(# ?)?" + component.getName() + ":");
        }
    }

    @Test
    void readsTrustedCidrsAndThreshold() throws Exception {
        Path file = Files.writeString(dir.resolve("c.yaml"), "exposure:\n  trustedCidrs: [203.0.113.0/24]\n  minAddresses: {ipv4: 256}\n");
        ScanConfig config = ConfigLoader.load(file);
        assertThat(config.exposureSettings().trustedCidrs()).containsExactly("203.0.113.0/24");
        assertThat(config.exposureSettings().minIpv4Addresses()).isEqualTo(BigInteger.valueOf(256));
        assertThat(config.exposureSettings().minIpv6Addresses()).isEqualTo(BigInteger.TWO.pow(96));
    }

    @Test
    void unknownKeyNamesFileLineAndKey() throws Exception {
        Path file = Files.writeString(dir.resolve("c.yaml"), "exposure:\n  trustedCidr: [1.2.3.4/32]\n");
        assertThatThrownBy(() -> ConfigLoader.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("c.yaml")
                .hasMessageContaining("trustedCidr");
    }

    @Test
    void badCidrIsNamed() throws Exception {
        Path file = Files.writeString(dir.resolve("c.yaml"), "exposure:\n  trustedCidrs: [not-a-cidr/99]\n");
        assertThatThrownBy(() -> ConfigLoader.load(file))
                .hasMessage(file + ": exposure.trustedCidrs[0]: invalid CIDR 'not-a-cidr/99'");
    }

    @Test
    void unknownKeyNamesTheObjectAndWhatItAccepts() throws Exception {
        Path file = Files.writeString(dir.resolve("c.yaml"), "exposure:\n  trustedCidr: [1.2.3.4/32]\n");
        // The key's own line and column, not where the parser stopped reading (the next line, in YAML).
        assertThatThrownBy(() -> ConfigLoader.load(file))
                .hasMessage(file + ":2:3: exposure: unknown field 'trustedCidr' (expected minAddresses, trustedCidrs)");
        Path top = Files.writeString(dir.resolve("top.yaml"), "bogus: 1\nexposure: {}\n");
        assertThatThrownBy(() -> ConfigLoader.load(top)).message().startsWith(top + ":1:1: ");
    }

    @Test
    void wrongTypeIsPlainWordsWithPositionAndPath() throws Exception {
        Path file = Files.writeString(dir.resolve("c.yaml"), "exposure:\n  minAddresses: {ipv4: abc}\n");
        assertThatThrownBy(() -> ConfigLoader.load(file))
                .hasMessage(file + ":2:24: exposure.minAddresses.ipv4: expected an integer, got 'abc'");
        Path list = Files.writeString(dir.resolve("l.yaml"), "exposure:\n  trustedCidrs: {a: 1}\n");
        assertThatThrownBy(() -> ConfigLoader.load(list))
                .hasMessage(list + ":2:17: exposure.trustedCidrs: expected a list, got an object");
        Path scalar = Files.writeString(dir.resolve("scalar.yaml"), "exposure:\n  minAddresses: abc\n");
        assertThatThrownBy(() -> ConfigLoader.load(scalar)).message().endsWith(": exposure.minAddresses: expected an object, got 'abc'");
    }

    @Test
    void invalidValueIsNamedOnce() throws Exception {
        Path file = Files.writeString(dir.resolve("c.yaml"), "exposure:\n  minAddresses: {ipv4: 0}\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).hasMessage(file + ":2:25: exposure.minAddresses: must be positive");
    }

    @Test
    void yamlSyntaxErrorGivesTheReasonOnOneLine() throws Exception {
        Path file = Files.writeString(dir.resolve("c.yaml"), "exposure:\n  trustedCidrs: [a\n  b: [\n");
        assertThatThrownBy(() -> ConfigLoader.load(file))
                .hasMessageStartingWith(file + ":3:4: not valid YAML: expected ',' or ']'")
                .hasMessageEndingWith("(while parsing a flow sequence that starts at line 2)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n", "org.yaml", "snakeyaml"));
    }

    @Test
    void directoryIsNamedAsOne() {
        assertThatThrownBy(() -> ConfigLoader.load(dir)).hasMessage(dir + ": is a directory");
    }

    @Test
    void missingFileIsClear() {
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("nope.yaml"))).hasMessage(dir.resolve("nope.yaml") + ": no such file");
    }
}
