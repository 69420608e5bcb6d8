/**
 * Enforcement: the only stage that changes AWS, and only on an explicit command. Each change is planned
 * first (a dry run that proves permission), recorded in a journal before and after it is made, and can be
 * undone from that journal. {@code enforce.journal} holds the journal; the per-instance and per-region
 * changers and the Organization guardrails live in their own packages.
 */
package io.imdsguard.enforce;
