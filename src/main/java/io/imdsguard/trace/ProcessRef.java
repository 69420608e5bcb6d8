package io.imdsguard.trace;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A process as the packet analyzer logged it: {@code (pid:N:comm argv:ARGS)}, or just the pid when
 * the process had exited before the analyzer read it ({@code (pid:N unable to get argv information)}).
 *
 * @param pid  the process id
 * @param comm the kernel's short name (at most 15 characters), null when unknown
 * @param argv the command line as logged, null when unknown
 */
@JsonPropertyOrder({"pid", "comm", "argv"})
public record ProcessRef(int pid, String comm, String argv) {
}
