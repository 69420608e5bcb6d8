package io.imdsguard.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import inet.ipaddr.AddressStringException;
import inet.ipaddr.IPAddressString;
import io.imdsguard.input.InputErrors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads {@link ScanConfig} from YAML; unknown keys are errors, so a typo is not silently ignored. */
public final class ConfigLoader {
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private ConfigLoader() {
    }

    public static ScanConfig load(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(InputErrors.describe(file, e), e);
        }
        return parse(text, file.toString());
    }

    /** Parses configuration YAML that was not read from a file (e.g. stdin); {@code source} names it in errors. */
    public static ScanConfig parse(String text, String source) throws ConfigException {
        ScanConfig config;
        try {
            config = text.isBlank() ? ScanConfig.DEFAULT : YAML.readValue(text, ScanConfig.class);
        } catch (JsonProcessingException e) {
            throw new ConfigException(InputErrors.describe(source, YAML.getFactory(), text, e), e);
        }
        List<String> cidrs = config.exposure().trustedCidrs();
        for (int i = 0; i < cidrs.size(); i++) {
            try {
                new IPAddressString(cidrs.get(i)).toAddress();
            } catch (AddressStringException e) {
                throw new ConfigException(source + ": exposure.trustedCidrs[" + i + "]: invalid CIDR '" + cidrs.get(i) + "'", e);
            }
        }
        return config;
    }
}
