package io.imdsguard.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import inet.ipaddr.AddressStringException;
import inet.ipaddr.IPAddressString;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

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
        } catch (NoSuchFileException e) {
            throw new ConfigException("config " + file + ": no such file", e);
        } catch (IOException e) {
            throw new ConfigException("config " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /** Parses configuration YAML that was not read from a file (e.g. stdin); {@code source} names it in errors. */
    public static ScanConfig parse(String text, String source) throws ConfigException {
        ScanConfig config;
        try {
            config = text.isBlank() ? ScanConfig.DEFAULT : YAML.readValue(text, ScanConfig.class);
        } catch (JsonProcessingException e) {
            throw new ConfigException("config " + source + location(e) + ": " + describe(e), e);
        }
        for (String cidr : config.exposure().trustedCidrs()) {
            try {
                new IPAddressString(cidr).toAddress();
            } catch (AddressStringException e) {
                throw new ConfigException("config " + source + ": exposure.trustedCidrs: '" + cidr + "' is not a CIDR", e);
            }
        }
        return config;
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr();
    }

    private static String describe(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            String path = m.getPath().stream().map(r -> r.getFieldName() == null ? "[" + r.getIndex() + "]" : r.getFieldName())
                    .reduce((a, b) -> a + "." + b).orElse("");
            int cut = message.indexOf(" (class ");
            message = "at " + path + ": " + (cut > 0 ? message.substring(0, cut) : message);
        }
        return message.lines().findFirst().orElse(message);
    }
}
