package io.imdsguard.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import inet.ipaddr.AddressStringException;
import inet.ipaddr.IPAddressString;
import io.imdsguard.findings.GatePolicy;
import io.imdsguard.input.InputErrors;
import io.imdsguard.inventory.AccountIds;

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
                throw new ConfigException(source + ": exposure.trustedCidrs[" + i + "]: invalid CIDR '" + cidrs.get(i)
                        + "'", e);
            }
        }
        checkSelection(config, source);
        return config;
    }

    /**
     * The values Jackson cannot check by type: each named by file and key, as a flag's error names the flag.
     * Formats are checked where they are used, against the renderers registry.
     */
    private static void checkSelection(ScanConfig config, String source) throws ConfigException {
        for (int i = 0; i < config.accounts().size(); i++) {
            String id = config.accounts().get(i);
            if (!AccountIds.valid(id)) {
                throw new ConfigException(source + ": accounts[" + i + "]: not an AWS account id (12 digits, quoted): '"
                        + id + "'", null);
            }
        }
        if (Boolean.TRUE.equals(config.org()) && !config.accounts().isEmpty()) {
            throw new ConfigException(source + ": org: true and accounts cannot both be set (choose one)", null);
        }
        for (int i = 0; i < config.regions().size(); i++) {
            String region = config.regions().get(i);
            if (region == null || region.isBlank()) {
                throw new ConfigException(source + ": regions[" + i + "]: empty region name", null);
            }
        }
        if (config.concurrency() != null
                && (config.concurrency() < 1 || config.concurrency() > ScanConfig.MAX_CONCURRENCY)) {
            throw new ConfigException(source + ": concurrency: must be between 1 and " + ScanConfig.MAX_CONCURRENCY
                    + ", got " + config.concurrency(), null);
        }
        if (config.failOn() != null) {
            try {
                GatePolicy.threshold(config.failOn());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(source + ": failOn: " + e.getMessage(), e);
            }
        }
        for (int i = 0; i < config.formats().size(); i++) {
            String format = config.formats().get(i);
            if (format == null || format.isBlank()) {
                throw new ConfigException(source + ": formats[" + i + "]: empty format name", null);
            }
        }
    }
}
