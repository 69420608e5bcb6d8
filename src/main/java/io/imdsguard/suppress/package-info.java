/**
 * Suppressions ({@code scan --suppressions FILE}): the YAML file read strictly
 * ({@link io.imdsguard.suppress.SuppressionsFile}), one entry's match
 * ({@link io.imdsguard.suppress.SuppressionEntry}) and the filter that marks findings
 * ({@link io.imdsguard.suppress.SuppressionFilter}). A suppressed finding stays in every report with
 * its reason; the gate ignores it. No picocli here: the CLI maps the loader's errors to exit code 2.
 */
package io.imdsguard.suppress;
