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
        assertThatThrownBy(() -> ConfigLoader.load(file)).hasMessageContaining("'not-a-cidr/99' is not a CIDR");
    }

    @Test
    void missingFileIsClear() {
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("nope.yaml"))).hasMessageContaining("no such file");
    }
}
