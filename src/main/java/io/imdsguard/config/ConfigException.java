package io.imdsguard.config;

/** An unreadable or invalid configuration file; the message names the file and, when known, the line. */
public class ConfigException extends Exception {
    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
